/* The bad-input corpus (testdata/bad/cases.toml) through caselink_dataset_from_csv.
 *
 * Arguments come in groups of five, written by bindings-c/tests/c_programs.rs from the manifest:
 *   PATH STATUS_NAME ROWS REJECTED MESSAGE_FRAGMENT
 * STATUS_NAME is what caselink_status_name gives for the expected status (CASELINK_STATUS_OK for
 * files that read); for OK cases ROWS and REJECTED are the counts and MESSAGE_FRAGMENT is a
 * fragment of the first rejected row's description ("-" when none is rejected); for failures
 * the fragment is looked for in the error message. Every rejected row must be described as
 * "PATH:LINE: reason". */
#include <stdlib.h>

#include "check.h"

static void check_case(const char *path, const char *status_name, size_t rows, size_t rejected,
                       const char *fragment) {
    caselink_dataset *ds = NULL;
    caselink_error *err = NULL;
    caselink_status s = caselink_dataset_from_csv(path, &ds, &err);
    if (strcmp(caselink_status_name((int)s), status_name) != 0) {
        fprintf(stderr, "%s: expected %s, got %s: %s\n", path, status_name, caselink_status_name((int)s),
                caselink_error_message(err));
        check_failures++;
    } else if (s != CASELINK_STATUS_OK) {
        CHECK(ds == NULL);
        CHECK(err != NULL && strstr(caselink_error_message(err), fragment) != NULL);
    } else {
        CHECK(err == NULL);
        if (caselink_dataset_len(ds) != rows || caselink_dataset_rejected_len(ds) != rejected) {
            fprintf(stderr, "%s: expected %zu rows and %zu rejected, got %zu and %zu\n", path, rows, rejected,
                    caselink_dataset_len(ds), caselink_dataset_rejected_len(ds));
            check_failures++;
        }
        for (size_t i = 0; i < caselink_dataset_rejected_len(ds); i++) {
            char *msg = NULL;
            CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_rejected_message(ds, i, &msg, NULL), NULL);
            CHECK(msg != NULL && strncmp(msg, path, strlen(path)) == 0 && msg[strlen(path)] == ':');
            if (i == 0 && msg != NULL && strstr(msg, fragment) == NULL) {
                fprintf(stderr, "%s: rejected row \"%s\" lacks \"%s\"\n", path, msg, fragment);
                check_failures++;
            }
            caselink_string_free(msg);
        }
    }
    caselink_error_free(err);
    caselink_dataset_free(ds);
}

int main(int argc, char **argv) {
    if (argc < 6 || (argc - 1) % 5 != 0) {
        fprintf(stderr, "usage: %s (PATH STATUS ROWS REJECTED FRAGMENT)...\n", argv[0]);
        return 2;
    }
    int cases = 0;
    for (int i = 1; i + 4 < argc; i += 5) {
        check_case(argv[i], argv[i + 1], (size_t)strtoul(argv[i + 2], NULL, 10),
                   (size_t)strtoul(argv[i + 3], NULL, 10), argv[i + 4]);
        cases++;
    }
    if (check_failures != 0) {
        fprintf(stderr, "test_bad_input: %d checks failed\n", check_failures);
        return 1;
    }
    printf("test_bad_input: all checks passed (%d cases)\n", cases);
    return 0;
}
