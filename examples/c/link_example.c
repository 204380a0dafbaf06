/*
 * Link two CSV files from C: read both tables, build a linker from a JSON spec, train it
 * without labels, link, and print the matched record ids with their probabilities.
 *
 *   make c-example          # builds the library and runs the C examples
 *
 * or by hand, from the repository root:
 *   cargo build -p caselink-c
 *   cc -std=c11 -Ibindings-c/include examples/c/link_example.c -Ltarget/debug -lcaselink \
 *      -Wl,-rpath,$PWD/target/debug -o link_example
 *   ./link_example examples/c/data/people_left.csv examples/c/data/people_right.csv
 *
 * Usage: link_example [LEFT.csv RIGHT.csv]   (default: the two files in examples/c/data/)
 */
#include <stdio.h>

#include "caselink.h"

/* Which columns to compare and how, and which pairs to consider at all (blocking). */
static const char *const SPEC =
    "{\n"
    "  \"unique_id\": \"id\",\n"
    "  \"comparisons\": [\n"
    "    {\"type\": \"string\", \"column\": \"given\", \"metric\": \"jaro_winkler\", \"thresholds\": [0.9, 0.75]},\n"
    "    {\"type\": \"string\", \"column\": \"surname\", \"metric\": \"jaro_winkler\", \"thresholds\": [0.9, 0.8]},\n"
    "    {\"type\": \"string\", \"column\": \"dob\", \"metric\": \"levenshtein\", \"thresholds\": [0.8]},\n"
    "    {\"type\": \"string\", \"column\": \"city\", \"metric\": \"jaro_winkler\", \"thresholds\": [0.9]}\n"
    "  ],\n"
    "  \"blocking\": [\n"
    "    {\"type\": \"key\", \"keys\": [{\"fn\": \"prefix\", \"column\": \"surname\", \"n\": 3}]},\n"
    "    {\"type\": \"key\", \"keys\": [{\"fn\": \"value\", \"column\": \"dob\"}]},\n"
    "    {\"type\": \"key\", \"keys\": [{\"fn\": \"value\", \"column\": \"city\"}]}\n"
    "  ]\n"
    "}\n";

/* Print and free an error; returns 1 so callers can `return fail(...)`. */
static int fail(const char *what, caselink_error *err) {
    fprintf(stderr, "%s failed: %s: %s\n", what, caselink_status_name((int)caselink_error_status(err)),
            caselink_error_message(err));
    caselink_error_free(err);
    return 1;
}

/* Read a CSV file and make the spec's unique_id column its record id. */
static caselink_status read_table(const char *path, const char *id_column, caselink_dataset **out,
                                  caselink_error **err) {
    caselink_dataset *ds = NULL;
    caselink_status s = caselink_dataset_from_csv(path, &ds, err);
    if (s != CASELINK_STATUS_OK) {
        return s;
    }
    /* Rows with a missing or repeated id are set aside, like unreadable rows: report them. */
    s = caselink_dataset_set_id_column(ds, id_column, err);
    if (s != CASELINK_STATUS_OK) {
        caselink_dataset_free(ds);
        return s;
    }
    for (size_t i = 0; i < caselink_dataset_rejected_len(ds); i++) {
        char *why = NULL;
        if (caselink_dataset_rejected_message(ds, i, &why, NULL) == CASELINK_STATUS_OK) {
            fprintf(stderr, "skipped %s\n", why);
            caselink_string_free(why);
        }
    }
    *out = ds;
    return CASELINK_STATUS_OK;
}

int main(int argc, char **argv) {
    const char *left_path = argc > 2 ? argv[1] : "examples/c/data/people_left.csv";
    const char *right_path = argc > 2 ? argv[2] : "examples/c/data/people_right.csv";
    caselink_error *err = NULL;

    caselink_linker *linker = NULL;
    if (caselink_linker_from_json(SPEC, &linker, &err) != CASELINK_STATUS_OK) {
        return fail("caselink_linker_from_json", err);
    }
    const char *id_column = caselink_linker_unique_id(linker);

    caselink_dataset *left = NULL, *right = NULL;
    if (read_table(left_path, id_column, &left, &err) != CASELINK_STATUS_OK) {
        caselink_linker_free(linker);
        return fail(left_path, err);
    }
    if (read_table(right_path, id_column, &right, &err) != CASELINK_STATUS_OK) {
        caselink_dataset_free(left);
        caselink_linker_free(linker);
        return fail(right_path, err);
    }
    printf("left: %zu records, right: %zu records\n", caselink_dataset_len(left), caselink_dataset_len(right));

    /* Unsupervised training (EM), then every candidate pair with probability >= 0.5. */
    caselink_matches *matches = NULL;
    int rc = 0;
    if (caselink_linker_train(linker, left, right, &err) != CASELINK_STATUS_OK) {
        rc = fail("caselink_linker_train", err);
    } else if (caselink_linker_link(linker, left, right, 0.5, &matches, &err) != CASELINK_STATUS_OK) {
        rc = fail("caselink_linker_link", err);
    } else {
        size_t n = caselink_matches_len(matches);
        printf("%zu matches\n", n);
        printf("left right  weight probability\n");
        for (size_t i = 0; i < n; i++) {
            caselink_match m;
            char *left_id = NULL, *right_id = NULL;
            if (caselink_matches_get(matches, i, &m) != CASELINK_STATUS_OK ||
                caselink_dataset_id(left, (size_t)m.left_row, &left_id, NULL) != CASELINK_STATUS_OK ||
                caselink_dataset_id(right, (size_t)m.right_row, &right_id, NULL) != CASELINK_STATUS_OK) {
                caselink_string_free(left_id);
                rc = 1;
                break;
            }
            printf("%-4s  %-4s %7.2f %11.4f\n", left_id, right_id, m.match_weight, m.match_probability);
            caselink_string_free(left_id);
            caselink_string_free(right_id);
        }
    }

    caselink_matches_free(matches); /* NULL when linking failed: a no-op */
    caselink_dataset_free(left);
    caselink_dataset_free(right);
    caselink_linker_free(linker);
    return rc;
}
