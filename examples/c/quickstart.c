/*
 * caselink from C: build a dataset, compare names, normalize a district, handle errors.
 *
 *   make c-example          # builds the library and runs this program
 *
 * or by hand, from the repository root:
 *   cargo build -p caselink-c
 *   cc -std=c11 -Ibindings-c/include examples/c/quickstart.c -Ltarget/debug -lcaselink \
 *      -Wl,-rpath,$PWD/target/debug -o quickstart && ./quickstart
 */
#include <stdio.h>

#include "caselink.h"

/* Print and free an error; returns 1 so callers can `return fail(...)`. */
static int fail(const char *what, caselink_error *err) {
    fprintf(stderr, "%s failed: %s: %s\n", what, caselink_status_name((int)caselink_error_status(err)),
            caselink_error_message(err));
    caselink_error_free(err);
    return 1;
}

int main(void) {
    printf("caselink %s\n", caselink_version());

    /* A dataset built row by row; a NULL value is a missing value. */
    const char *columns[] = {"docket_id", "defendant_name", "court_id"};
    const char *rows[][3] = {
        {"d1", "SMITH, JOHN M. JR.", "E.D. Va."},
        {"d2", "GARCIA-LOPEZ, MARIA", NULL},
    };
    caselink_dataset *dockets = NULL;
    caselink_error *err = NULL;
    if (caselink_dataset_new(columns, 3, &dockets, &err) != CASELINK_STATUS_OK) {
        return fail("caselink_dataset_new", err);
    }
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (caselink_dataset_push_row(dockets, rows[i], 3, &err) != CASELINK_STATUS_OK) {
            caselink_dataset_free(dockets);
            return fail("caselink_dataset_push_row", err);
        }
    }
    printf("dockets: %zu rows, %zu columns\n", caselink_dataset_len(dockets), caselink_dataset_column_count(dockets));

    /* String similarities in [0, 1]; a negative result means a NULL or non-UTF-8 argument. */
    printf("jaro_winkler(\"John Smith\", \"Jon Smith\") = %.3f\n", caselink_jaro_winkler("John Smith", "Jon Smith"));
    printf("token_sort(\"SMITH JOHN\", \"JOHN SMITH\") = %.3f\n", caselink_token_sort("SMITH JOHN", "JOHN SMITH"));

    /* District normalization: OK with NULL means "not recognised". */
    char *court_id = NULL;
    if (caselink_normalize_district("Eastern District of Virginia", &court_id, &err) != CASELINK_STATUS_OK) {
        caselink_dataset_free(dockets);
        return fail("caselink_normalize_district", err);
    }
    printf("Eastern District of Virginia -> %s\n", court_id ? court_id : "(not recognised)");
    caselink_string_free(court_id);

    /* Errors carry a stable status and a message naming the problem. */
    caselink_dataset *missing = NULL;
    caselink_status s = caselink_dataset_from_csv("no-such-file.csv", &missing, &err);
    printf("reading no-such-file.csv: %s (%s)\n", caselink_status_name((int)s), caselink_error_message(err));
    caselink_error_free(err);

    caselink_dataset_free(dockets);
    return s == CASELINK_STATUS_IO ? 0 : 1;
}
