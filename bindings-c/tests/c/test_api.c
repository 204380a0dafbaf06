/*
 * Exercises the whole C API that exists today: happy paths, every error path, NULL arguments,
 * invalid UTF-8, _free(NULL) and (when built with -DCASELINK_TEST_PANIC against a library built
 * with the `test-panic` feature) the panic boundary.
 *
 * Usage: test_api TMPDIR EXPECTED_EDVA_ID   (EXPECTED_EDVA_ID is "-" when the table knows none)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static void write_file(const char *path, const char *contents) {
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
    fputs(contents, f);
    fclose(f);
}

static void test_version_and_errors(void) {
    CHECK(caselink_version() != NULL);
    CHECK(strlen(caselink_version()) >= 5);
    CHECK(caselink_error_status(NULL) == CASELINK_STATUS_OK);
    CHECK_STR("", caselink_error_message(NULL));
    CHECK_STR("CASELINK_STATUS_IO", caselink_status_name(CASELINK_STATUS_IO));
    CHECK_STR("CASELINK_STATUS_UNKNOWN", caselink_status_name(12345));
    /* The numbers are ABI. */
    CHECK(CASELINK_STATUS_OK == 0 && CASELINK_STATUS_INVALID_SPEC == 1 && CASELINK_STATUS_UNKNOWN_FIELD == 2);
    CHECK(CASELINK_STATUS_BAD_DATA == 3 && CASELINK_STATUS_IO == 4 && CASELINK_STATUS_BAD_MODEL == 5);
    CHECK(CASELINK_STATUS_LIMIT == 6 && CASELINK_STATUS_NULL_ARGUMENT == 7 && CASELINK_STATUS_INVALID_UTF8 == 8);
    CHECK(CASELINK_STATUS_PANIC == 9);
}

static void test_free_null(void) {
    caselink_error_free(NULL);
    caselink_dataset_free(NULL);
    caselink_string_free(NULL);
}

static void test_dataset_build(void) {
    const char *names[] = {"id", "name", "district"};
    caselink_dataset *ds = NULL;
    caselink_error *err = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_new(names, 3, &ds, &err), err);
    CHECK(ds != NULL);
    CHECK(err == NULL);

    const char *row1[] = {"1", "SMITH, JOHN M.", "E.D. Va."};
    const char *row2[] = {"2", NULL, "EDVA"}; /* NULL = missing */
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_push_row(ds, row1, 3, &err), err);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_push_row(ds, row2, 3, NULL), err);
    CHECK(caselink_dataset_len(ds) == 2);
    CHECK(caselink_dataset_column_count(ds) == 3);
    CHECK(caselink_dataset_rejected_len(ds) == 0);

    char *value = (char *)"untouched";
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_value(ds, 0, "name", &value, &err), err);
    CHECK_STR("SMITH, JOHN M.", value);
    caselink_string_free(value);
    value = (char *)"untouched";
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_value(ds, 1, "name", &value, &err), err);
    CHECK(value == NULL);

    /* Wrong arity: BAD_DATA with a message; the dataset is unchanged. */
    const char *short_row[] = {"3"};
    CHECK_STATUS(CASELINK_STATUS_BAD_DATA, caselink_dataset_push_row(ds, short_row, 1, &err), err);
    CHECK(err != NULL);
    CHECK(caselink_error_status(err) == CASELINK_STATUS_BAD_DATA);
    CHECK(strstr(caselink_error_message(err), "expected 3 values, got 1") != NULL);
    caselink_error_free(err);
    err = NULL;
    CHECK(caselink_dataset_len(ds) == 2);

    /* Invalid UTF-8 in a value. */
    const char *bad_row[] = {"4", "caf\xe9", NULL};
    CHECK_STATUS(CASELINK_STATUS_INVALID_UTF8, caselink_dataset_push_row(ds, bad_row, 3, &err), err);
    CHECK(strstr(caselink_error_message(err), "values[1]") != NULL);
    caselink_error_free(err);
    err = NULL;
    CHECK(caselink_dataset_len(ds) == 2);

    /* Lookups that fail leave the output alone. */
    value = (char *)"untouched";
    CHECK_STATUS(CASELINK_STATUS_UNKNOWN_FIELD, caselink_dataset_value(ds, 0, "dob", &value, &err), err);
    CHECK(strstr(caselink_error_message(err), "dob") != NULL);
    caselink_error_free(err);
    err = NULL;
    CHECK_STATUS(CASELINK_STATUS_OUT_OF_RANGE, caselink_dataset_value(ds, 2, "id", &value, NULL), err);
    CHECK_STR("untouched", value);

    /* NULL arguments. */
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_dataset_push_row(NULL, row1, 3, &err), err);
    CHECK(strstr(caselink_error_message(err), "dataset") != NULL);
    caselink_error_free(err);
    err = NULL;
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_dataset_push_row(ds, NULL, 3, NULL), err);
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_dataset_value(ds, 0, NULL, &value, NULL), err);
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_dataset_value(ds, 0, "id", NULL, NULL), err);
    CHECK(caselink_dataset_len(NULL) == 0);
    CHECK(caselink_dataset_column_count(NULL) == 0);
    CHECK(caselink_dataset_rejected_len(NULL) == 0);
    caselink_dataset_free(ds);

    /* Constructor failures: nothing is written to *out. */
    caselink_dataset *untouched = (caselink_dataset *)&names;
    const char *dup[] = {"a", "a"};
    CHECK_STATUS(CASELINK_STATUS_BAD_DATA, caselink_dataset_new(dup, 2, &untouched, &err), err);
    CHECK(strstr(caselink_error_message(err), "duplicate") != NULL);
    caselink_error_free(err);
    err = NULL;
    const char *with_null[] = {"a", NULL};
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_dataset_new(with_null, 2, &untouched, NULL), err);
    const char *bad_name[] = {"\xff"};
    CHECK_STATUS(CASELINK_STATUS_INVALID_UTF8, caselink_dataset_new(bad_name, 1, &untouched, NULL), err);
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_dataset_new(names, 3, NULL, NULL), err);
    CHECK(untouched == (caselink_dataset *)&names);

    /* Zero columns with a NULL array is allowed. */
    caselink_dataset *empty = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_new(NULL, 0, &empty, NULL), err);
    CHECK(caselink_dataset_len(empty) == 0);
    caselink_dataset_free(empty);
}

static void test_csv(const char *tmpdir) {
    char good[4096], bad_header[4096], empty[4096], missing[4096];
    snprintf(good, sizeof good, "%s/people.csv", tmpdir);
    snprintf(bad_header, sizeof bad_header, "%s/bad_header.csv", tmpdir);
    snprintf(empty, sizeof empty, "%s/empty.csv", tmpdir);
    snprintf(missing, sizeof missing, "%s/does-not-exist.csv", tmpdir);
    write_file(good, "id,name,district\n1,Ann Lee,E.D. Va.\n2,Bob,EDVA,extra\n3, ,vaed\n");
    write_file(bad_header, "id,name,id\n1,Ann,2\n");
    write_file(empty, "");

    caselink_dataset *ds = NULL;
    caselink_error *err = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_from_csv(good, &ds, &err), err);
    CHECK(caselink_dataset_len(ds) == 2);
    CHECK(caselink_dataset_rejected_len(ds) == 1);
    char *msg = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_rejected_message(ds, 0, &msg, &err), err);
    CHECK(msg != NULL && strstr(msg, "people.csv:3: expected 3 fields, found 4") != NULL);
    caselink_string_free(msg);
    msg = NULL;
    CHECK_STATUS(CASELINK_STATUS_OUT_OF_RANGE, caselink_dataset_rejected_message(ds, 1, &msg, NULL), err);
    CHECK(msg == NULL);
    char *value = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_value(ds, 1, "name", &value, &err), err);
    CHECK(value == NULL); /* blank after trimming = missing */
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_value(ds, 1, "district", &value, &err), err);
    CHECK_STR("vaed", value);
    caselink_string_free(value);
    caselink_dataset_free(ds);

    caselink_dataset *untouched = NULL;
    CHECK_STATUS(CASELINK_STATUS_IO, caselink_dataset_from_csv(missing, &untouched, &err), err);
    CHECK(caselink_error_status(err) == CASELINK_STATUS_IO);
    CHECK(strstr(caselink_error_message(err), "does-not-exist.csv") != NULL);
    caselink_error_free(err);
    err = NULL;
    CHECK_STATUS(CASELINK_STATUS_BAD_DATA, caselink_dataset_from_csv(bad_header, &untouched, &err), err);
    CHECK(strstr(caselink_error_message(err), "duplicate column name") != NULL);
    caselink_error_free(err);
    err = NULL;
    CHECK_STATUS(CASELINK_STATUS_BAD_DATA, caselink_dataset_from_csv(empty, &untouched, &err), err);
    CHECK(strstr(caselink_error_message(err), "empty") != NULL);
    caselink_error_free(err);
    err = NULL;
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_dataset_from_csv(NULL, &untouched, &err), err);
    caselink_error_free(err);
    err = NULL;
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_dataset_from_csv(good, NULL, NULL), err);
    CHECK_STATUS(CASELINK_STATUS_INVALID_UTF8, caselink_dataset_from_csv("/tmp/\xc3\x28.csv", &untouched, NULL), err);
    CHECK(untouched == NULL);
}

static void test_metrics(void) {
    CHECK_NEAR(0.961111, caselink_jaro_winkler("MARTHA", "MARHTA"));
    CHECK_NEAR(0.944444, caselink_jaro("MARTHA", "MARHTA"));
    CHECK_NEAR(1.0 - 3.0 / 7.0, caselink_levenshtein("kitten", "sitting"));
    CHECK_NEAR(0.5, caselink_osa("ca", "ac"));
    CHECK_NEAR(0.0, caselink_levenshtein("ab", "cd"));
    CHECK_NEAR(1.0, caselink_qgram("night", "night"));
    CHECK_NEAR(1.0, caselink_token_sort("john smith", "smith john"));
    CHECK_NEAR(1.0, caselink_token_set("john smith", "smith john"));
    CHECK_NEAR(1.0, caselink_jaro_winkler("Zo\xc3\xab", "Zo\xc3\xab"));
    /* Failures are minus the status. */
    CHECK(caselink_jaro_winkler(NULL, "a") == -(double)CASELINK_STATUS_NULL_ARGUMENT);
    CHECK(caselink_jaro(NULL, NULL) == -(double)CASELINK_STATUS_NULL_ARGUMENT);
    CHECK(caselink_levenshtein("a", NULL) == -(double)CASELINK_STATUS_NULL_ARGUMENT);
    CHECK(caselink_osa("\xff", "a") == -(double)CASELINK_STATUS_INVALID_UTF8);
    CHECK(caselink_qgram("a", "\xc3") == -(double)CASELINK_STATUS_INVALID_UTF8);
    CHECK(caselink_token_sort(NULL, "a") < 0.0);
    CHECK(caselink_token_set("a", "\xff") < 0.0);
}

static void test_district(const char *expected_edva) {
    char *id = (char *)"untouched";
    caselink_error *err = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_normalize_district("E.D. Va.", &id, &err), err);
    if (strcmp(expected_edva, "-") == 0) {
        CHECK(id == NULL);
    } else {
        CHECK_STR(expected_edva, id);
    }
    caselink_string_free(id);

    id = (char *)"untouched";
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_normalize_district("the district of nowhere", &id, &err), err);
    CHECK(id == NULL); /* not recognised: OK with NULL */

    id = (char *)"untouched";
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_normalize_district(NULL, &id, &err), err);
    CHECK(strstr(caselink_error_message(err), "text") != NULL);
    caselink_error_free(err);
    err = NULL;
    CHECK_STATUS(CASELINK_STATUS_INVALID_UTF8, caselink_normalize_district("E.D. V\xe1.", &id, &err), err);
    caselink_error_free(err);
    err = NULL;
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_normalize_district("EDVA", NULL, NULL), err);
    CHECK_STR("untouched", id);
}

static void test_panic_boundary(void) {
#if defined(CASELINK_TEST_PANIC)
    caselink_error *err = NULL;
    CHECK_STATUS(CASELINK_STATUS_PANIC, caselink_test_panic(&err), err);
    CHECK(caselink_error_status(err) == CASELINK_STATUS_PANIC);
    CHECK(strstr(caselink_error_message(err), "deliberate panic") != NULL);
    caselink_error_free(err);
    CHECK(caselink_test_panic(NULL) == CASELINK_STATUS_PANIC);
    /* The library still works after a caught panic. */
    CHECK_NEAR(1.0, caselink_jaro("same", "same"));
    printf("panic boundary: checked\n");
#endif
}

int main(int argc, char **argv) {
    const char *tmpdir = argc > 1 ? argv[1] : "/tmp";
    const char *expected_edva = argc > 2 ? argv[2] : "-";
    test_version_and_errors();
    test_free_null();
    test_dataset_build();
    test_csv(tmpdir);
    test_metrics();
    test_district(expected_edva);
    test_panic_boundary();
    if (check_failures != 0) {
        fprintf(stderr, "test_api: %d check(s) failed\n", check_failures);
        return 1;
    }
    printf("test_api: all checks passed (caselink %s)\n", caselink_version());
    return 0;
}
