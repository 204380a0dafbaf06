/*
 * The linker from C: train on two tables built with caselink_dataset_push_row, link them, read
 * the matches; deduplicate; save and load; untrusted model files; every error path of every
 * linker function (NULL for each pointer, invalid UTF-8, invalid spec, unknown column,
 * untrained linker, bad threshold, index past the end).
 *
 * Usage: test_linker TMPDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "people.h"

static char tmpdir[2048];

static void path_in_tmp(char *buf, size_t size, const char *name) { snprintf(buf, size, "%s/%s", tmpdir, name); }

static void write_bytes(const char *path, const void *data, size_t n) {
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, n, f) != n) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
    fclose(f);
}

/* Read a whole file; *n receives its size. The caller frees the result with free(). */
static unsigned char *read_bytes(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = (unsigned char *)malloc((size_t)size + 1);
    if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    *n = (size_t)size;
    return buf;
}

/* Link and copy every match out; returns the count (or (size_t)-1 on failure). */
static size_t link_all(const caselink_linker *linker, const caselink_dataset *left, const caselink_dataset *right,
                       caselink_match *out, size_t cap) {
    caselink_matches *matches = NULL;
    caselink_error *err = NULL;
    caselink_status s = caselink_linker_link(linker, left, right, 0.5, &matches, &err);
    CHECK_STATUS(CASELINK_STATUS_OK, s, err);
    caselink_error_free(err);
    if (s != CASELINK_STATUS_OK) {
        return (size_t)-1;
    }
    size_t n = caselink_matches_len(matches);
    for (size_t i = 0; i < n && i < cap; i++) {
        CHECK_STATUS(CASELINK_STATUS_OK, caselink_matches_get(matches, i, &out[i]), NULL);
    }
    caselink_matches_free(matches);
    return n;
}

static int same_matches(const caselink_match *a, size_t na, const caselink_match *b, size_t nb) {
    if (na != nb) {
        return 0;
    }
    for (size_t i = 0; i < na; i++) {
        if (a[i].left_row != b[i].left_row || a[i].right_row != b[i].right_row ||
            a[i].match_weight != b[i].match_weight || a[i].match_probability != b[i].match_probability) {
            return 0;
        }
    }
    return 1;
}

#define CAP 4096
static caselink_match found[CAP];
static caselink_match again[CAP];

static void test_link_two_tables(void) {
    caselink_dataset *left = people_dataset(0);
    caselink_dataset *right = people_dataset(1);
    CHECK(left != NULL && right != NULL);
    caselink_linker *linker = NULL;
    caselink_error *err = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_from_json(PEOPLE_SPEC, &linker, &err), err);
    CHECK(caselink_linker_is_trained(linker) == 0);
    CHECK_STR("id", caselink_linker_unique_id(linker));
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_train(linker, left, right, &err), err);
    CHECK(caselink_linker_is_trained(linker) == 1);

    size_t n = link_all(linker, left, right, found, CAP);
    CHECK(n >= PEOPLE_N && n <= CAP);
    /* Every person is found with probability > 0.5, and nothing else is. */
    for (size_t i = 0; i < PEOPLE_N; i++) {
        int hit = 0;
        for (size_t k = 0; k < n && k < CAP; k++) {
            if (found[k].left_row == i && found[k].right_row == people_right_row(i)) {
                hit = found[k].match_probability > 0.5 && found[k].match_probability <= 1.0;
            }
        }
        if (!hit) {
            fprintf(stderr, "person %u (%s %s) not linked\n", (unsigned)i, PEOPLE[i][0], PEOPLE[i][1]);
        }
        CHECK(hit);
    }
    CHECK(n == PEOPLE_N);

    /* Record ids: set the spec's unique_id column on both tables and read them for a match. */
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_set_id_column(left, caselink_linker_unique_id(linker), &err),
                 err);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_set_id_column(right, "id", &err), err);
    CHECK(caselink_dataset_len(left) == PEOPLE_N && caselink_dataset_rejected_len(left) == 0);
    char *left_id = NULL, *right_id = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_id(left, (size_t)found[0].left_row, &left_id, &err), err);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_id(right, (size_t)found[0].right_row, &right_id, &err), err);
    char want[16];
    snprintf(want, sizeof want, "R%02u", (unsigned)people_right_row((size_t)found[0].left_row));
    CHECK_STR(want, right_id);
    CHECK(left_id != NULL && left_id[0] == 'L');
    caselink_string_free(left_id);
    caselink_string_free(right_id);

    /* A threshold of 0 keeps every candidate pair; 1 keeps at most the certain ones. */
    caselink_matches *all = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_link(linker, left, right, 0.0, &all, &err), err);
    CHECK(caselink_matches_len(all) >= n);
    caselink_matches_free(all);

    /* Save and load: the loaded linker gives identical matches. */
    char model[4096];
    path_in_tmp(model, sizeof model, "people.model");
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_save(linker, model, &err), err);
    caselink_linker *loaded = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_load(model, &loaded, &err), err);
    CHECK(caselink_linker_is_trained(loaded) == 1);
    size_t m = link_all(loaded, left, right, again, CAP);
    CHECK(same_matches(found, n, again, m));

    /* The spec round-trips through JSON into an equivalent, untrained linker. */
    char *json = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_to_json(linker, &json, &err), err);
    CHECK(json != NULL && strstr(json, "\"unique_id\": \"id\"") != NULL);
    caselink_linker *copy = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_from_json(json, &copy, &err), err);
    CHECK(caselink_linker_is_trained(copy) == 0);
    caselink_string_free(json);
    char *params = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_parameters_json(linker, &params, &err), err);
    CHECK(params != NULL && strstr(params, "\"trained\":true") != NULL && strstr(params, "\"lambda\"") != NULL);
    caselink_string_free(params);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_parameters_json(copy, &params, &err), err);
    CHECK(params != NULL && strstr(params, "\"trained\":false") != NULL);
    caselink_string_free(params);

    /* Freeing the linker and datasets first leaves the match list valid (it owns its pairs). */
    caselink_matches *kept = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_link(loaded, left, right, 0.5, &kept, &err), err);
    caselink_linker_free(copy);
    caselink_linker_free(loaded);
    caselink_linker_free(linker);
    caselink_dataset_free(left);
    caselink_dataset_free(right);
    CHECK(caselink_matches_len(kept) == n);
    caselink_match first;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_matches_get(kept, 0, &first), NULL);
    CHECK(first.left_row == found[0].left_row && first.right_row == found[0].right_row);
    caselink_matches_free(kept);
}

static void test_dedupe(void) {
    /* One table with both versions of everybody: right == NULL deduplicates it. */
    caselink_dataset *both = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_new(PEOPLE_COLUMNS, 5, &both, NULL), NULL);
    for (size_t i = 0; i < PEOPLE_N; i++) {
        char id[16];
        snprintf(id, sizeof id, "a%u", (unsigned)i);
        CHECK_STATUS(CASELINK_STATUS_OK, people_push(both, i, 0, id), NULL);
    }
    for (size_t i = 0; i < PEOPLE_N; i++) {
        char id[16];
        snprintf(id, sizeof id, "b%u", (unsigned)i);
        CHECK_STATUS(CASELINK_STATUS_OK, people_push(both, i, 1, id), NULL);
    }
    caselink_linker *linker = NULL;
    caselink_error *err = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_from_json(PEOPLE_SPEC, &linker, &err), err);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_train(linker, both, NULL, &err), err);
    size_t n = link_all(linker, both, NULL, found, CAP);
    CHECK(n == PEOPLE_N);
    for (size_t k = 0; k < n && k < CAP; k++) {
        CHECK(found[k].left_row < found[k].right_row);
        CHECK(found[k].right_row == found[k].left_row + PEOPLE_N);
        CHECK(found[k].match_probability > 0.5);
    }
    caselink_linker_free(linker);
    caselink_dataset_free(both);
}

/* Expect `call` to fail with `status` and an error whose message contains `needle`. */
#define CHECK_FAILS(status, needle, call)                                                      \
    do {                                                                                       \
        caselink_error *e_ = NULL;                                                             \
        CHECK_STATUS(status, call, e_);                                                        \
        CHECK(e_ != NULL && caselink_error_status(e_) == (status));                            \
        if (e_ != NULL && strstr(caselink_error_message(e_), needle) == NULL) {                \
            fprintf(stderr, "%s:%d: message lacks \"%s\": %s\n", __FILE__, __LINE__, needle,   \
                    caselink_error_message(e_));                                               \
            check_failures++;                                                                  \
        }                                                                                      \
        caselink_error_free(e_);                                                               \
    } while (0)

static void test_untrusted_model_files(void) {
    caselink_dataset *left = people_dataset(0);
    caselink_linker *linker = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_from_json(PEOPLE_SPEC, &linker, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_train(linker, left, NULL, NULL), NULL);
    char good[4096], bad[4096];
    path_in_tmp(good, sizeof good, "good.model");
    path_in_tmp(bad, sizeof bad, "bad.model");
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_save(linker, good, NULL), NULL);
    size_t n = 0;
    unsigned char *bytes = read_bytes(good, &n);
    CHECK(n > 64);

    caselink_linker *untouched = linker;
    /* Truncated at several points, including inside the header. */
    size_t cuts[] = {0, 5, 12, 22, n / 2, n - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        write_bytes(bad, bytes, cuts[i]);
        CHECK_FAILS(CASELINK_STATUS_BAD_MODEL, "bad.model", caselink_linker_load(bad, &untouched, &e_));
    }
    /* A flipped bit in the payload: the checksum catches it. */
    bytes[n - 3] ^= 0x10;
    write_bytes(bad, bytes, n);
    CHECK_FAILS(CASELINK_STATUS_BAD_MODEL, "checksum", caselink_linker_load(bad, &untouched, &e_));
    bytes[n - 3] ^= 0x10;
    /* Extra bytes at the end. */
    unsigned char *longer = (unsigned char *)malloc(n + 4);
    memcpy(longer, bytes, n);
    memcpy(longer + n, "XXXX", 4);
    write_bytes(bad, longer, n + 4);
    CHECK_FAILS(CASELINK_STATUS_BAD_MODEL, "bad.model", caselink_linker_load(bad, &untouched, &e_));
    free(longer);
    /* Not a model at all; a future format version. */
    const char *text = "this is a CSV file, not a model\nid,name\n1,Ann\n";
    write_bytes(bad, text, strlen(text));
    CHECK_FAILS(CASELINK_STATUS_BAD_MODEL, "not a caselink model", caselink_linker_load(bad, &untouched, &e_));
    bytes[8] = 99;
    write_bytes(bad, bytes, n);
    CHECK_FAILS(CASELINK_STATUS_BAD_MODEL, "version", caselink_linker_load(bad, &untouched, &e_));
    /* Every single-byte corruption of the header or the start of the payload is refused cleanly. */
    bytes[8] = 1;
    for (size_t i = 0; i < 48 && i < n; i++) {
        bytes[i] ^= 0x5a;
        write_bytes(bad, bytes, n);
        CHECK_STATUS(CASELINK_STATUS_BAD_MODEL, caselink_linker_load(bad, &untouched, NULL), NULL);
        bytes[i] ^= 0x5a;
    }
    free(bytes);
    CHECK(untouched == linker);
    /* Missing file → IO; a directory → IO. */
    char missing[4096];
    path_in_tmp(missing, sizeof missing, "no-such.model");
    CHECK_FAILS(CASELINK_STATUS_IO, "no-such.model", caselink_linker_load(missing, &untouched, &e_));
    CHECK_STATUS(CASELINK_STATUS_IO, caselink_linker_load(tmpdir, &untouched, NULL), NULL);
    CHECK(untouched == linker);
    /* The good file still loads. */
    caselink_linker *ok = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_load(good, &ok, NULL), NULL);
    caselink_linker_free(ok);
    caselink_linker_free(linker);
    caselink_dataset_free(left);
}

static void test_errors(void) {
    caselink_dataset *left = people_dataset(0);
    caselink_dataset *right = people_dataset(1);
    caselink_linker *trained = NULL, *fresh = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_from_json(PEOPLE_SPEC, &trained, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_from_json(PEOPLE_SPEC, &fresh, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_train(trained, left, right, NULL), NULL);
    caselink_linker *lsentinel = fresh;
    caselink_matches *msentinel = (caselink_matches *)&lsentinel;
    caselink_matches *mout = msentinel;
    caselink_linker *lout = lsentinel;
    char *sout = (char *)"untouched";
    char model[4096];
    path_in_tmp(model, sizeof model, "errors.model");

    /* caselink_linker_from_json / from_toml */
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "spec_json", caselink_linker_from_json(NULL, &lout, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "out", caselink_linker_from_json(PEOPLE_SPEC, NULL, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_UTF8, "spec_json", caselink_linker_from_json("{\"unique_id\": \"\xff\"}", &lout, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_SPEC, "invalid spec at $", caselink_linker_from_json("{not json", &lout, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_SPEC, "comparisons[1]",
                caselink_linker_from_json("{\"unique_id\": \"id\", \"comparisons\": [{\"type\": \"exact\", \"column\": "
                                          "\"a\"}, {\"type\": \"fuzzy\", \"column\": \"b\"}]}",
                                          &lout, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_SPEC, "comparisons[0].thresholdz",
                caselink_linker_from_json("{\"unique_id\": \"id\", \"comparisons\": [{\"type\": \"string\", \"column\": "
                                          "\"a\", \"metric\": \"jaro\", \"thresholdz\": [0.9]}]}",
                                          &lout, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_SPEC, "unique_id",
                caselink_linker_from_json("{\"unique_id\": \"\", \"comparisons\": [{\"type\": \"exact\", \"column\": "
                                          "\"a\"}]}",
                                          &lout, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "spec_toml", caselink_linker_from_toml(NULL, &lout, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "out", caselink_linker_from_toml("x = 1", NULL, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_UTF8, "spec_toml", caselink_linker_from_toml("a = \"\xc3\"", &lout, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_SPEC, "TOML", caselink_linker_from_toml("unique_id = ", &lout, &e_));
    CHECK(lout == lsentinel);
    caselink_linker *toml = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK,
                 caselink_linker_from_toml("unique_id = \"id\"\n[[comparisons]]\ntype = \"exact\"\ncolumn = \"city\"\n",
                                           &toml, NULL),
                 NULL);
    CHECK_STR("id", caselink_linker_unique_id(toml));
    caselink_linker_free(toml);

    /* caselink_linker_load / save */
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "path", caselink_linker_load(NULL, &lout, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "out", caselink_linker_load(model, NULL, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_UTF8, "path", caselink_linker_load("/tmp/\xc3\x28.model", &lout, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "linker", caselink_linker_save(NULL, model, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "path", caselink_linker_save(trained, NULL, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_UTF8, "path", caselink_linker_save(trained, "/tmp/\xff.model", &e_));
    char no_dir[4096];
    path_in_tmp(no_dir, sizeof no_dir, "no/such/dir/m.model");
    CHECK_FAILS(CASELINK_STATUS_IO, "no/such/dir", caselink_linker_save(trained, no_dir, &e_));
    /* An untrained linker saves and loads as untrained. */
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_save(fresh, model, NULL), NULL);
    caselink_linker *reloaded = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_load(model, &reloaded, NULL), NULL);
    CHECK(caselink_linker_is_trained(reloaded) == 0);
    caselink_linker_free(reloaded);
    CHECK(lout == lsentinel);

    /* caselink_linker_train */
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "linker", caselink_linker_train(NULL, left, right, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "left", caselink_linker_train(fresh, NULL, right, &e_));
    caselink_linker *wrong_column = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK,
                 caselink_linker_from_json("{\"unique_id\": \"id\", \"comparisons\": [{\"type\": \"exact\", \"column\": "
                                           "\"ssn\"}]}",
                                           &wrong_column, NULL),
                 NULL);
    CHECK_FAILS(CASELINK_STATUS_UNKNOWN_FIELD, "'ssn'", caselink_linker_train(wrong_column, left, right, &e_));
    CHECK_FAILS(CASELINK_STATUS_UNKNOWN_FIELD, "ssn", caselink_linker_train(wrong_column, left, NULL, &e_));
    CHECK(caselink_linker_is_trained(wrong_column) == 0);

    /* caselink_linker_link */
    CHECK_FAILS(CASELINK_STATUS_BAD_MODEL, "not trained", caselink_linker_link(fresh, left, right, 0.5, &mout, &e_));
    CHECK_FAILS(CASELINK_STATUS_BAD_MODEL, "not trained", caselink_linker_link(wrong_column, left, NULL, 0.5, &mout, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "linker", caselink_linker_link(NULL, left, right, 0.5, &mout, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "left", caselink_linker_link(trained, NULL, right, 0.5, &mout, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "out", caselink_linker_link(trained, left, right, 0.5, NULL, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_SPEC, "threshold", caselink_linker_link(trained, left, right, NAN, &mout, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_SPEC, "[0, 1]", caselink_linker_link(trained, left, right, -0.01, &mout, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_SPEC, "threshold", caselink_linker_link(trained, left, right, 1.5, &mout, &e_));
    /* A table lacking a column the trained spec compares. */
    const char *few[] = {"id", "given"};
    caselink_dataset *narrow = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_new(few, 2, &narrow, NULL), NULL);
    CHECK_FAILS(CASELINK_STATUS_UNKNOWN_FIELD, "surname", caselink_linker_link(trained, left, narrow, 0.5, &mout, &e_));
    caselink_dataset_free(narrow);
    CHECK(mout == msentinel);
    /* err may be NULL: the status alone reports the failure. */
    CHECK(caselink_linker_link(fresh, left, right, 0.5, &mout, NULL) == CASELINK_STATUS_BAD_MODEL);
    CHECK(caselink_linker_train(NULL, left, NULL, NULL) == CASELINK_STATUS_NULL_ARGUMENT);

    /* Matches: NULL, index past the end. */
    caselink_matches *matches = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_linker_link(trained, left, right, 0.5, &matches, NULL), NULL);
    size_t n = caselink_matches_len(matches);
    caselink_match m = {7, 7, 7.0, 7.0};
    CHECK_STATUS(CASELINK_STATUS_OUT_OF_RANGE, caselink_matches_get(matches, n, &m), NULL);
    CHECK_STATUS(CASELINK_STATUS_OUT_OF_RANGE, caselink_matches_get(matches, (size_t)-1, &m), NULL);
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_matches_get(NULL, 0, &m), NULL);
    CHECK_STATUS(CASELINK_STATUS_NULL_ARGUMENT, caselink_matches_get(matches, 0, NULL), NULL);
    CHECK(m.left_row == 7 && m.right_row == 7 && m.match_weight == 7.0 && m.match_probability == 7.0);
    CHECK(caselink_matches_len(NULL) == 0);
    caselink_matches_free(matches);

    /* Accessors. */
    CHECK(caselink_linker_is_trained(NULL) == 0);
    CHECK(caselink_linker_unique_id(NULL) == NULL);
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "linker", caselink_linker_to_json(NULL, &sout, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "json_out", caselink_linker_to_json(trained, NULL, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "linker", caselink_linker_parameters_json(NULL, &sout, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "json_out", caselink_linker_parameters_json(trained, NULL, &e_));
    CHECK_STR("untouched", sout);

    /* Dataset ids. */
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "dataset", caselink_dataset_set_id_column(NULL, "id", &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "column", caselink_dataset_set_id_column(left, NULL, &e_));
    CHECK_FAILS(CASELINK_STATUS_INVALID_UTF8, "column", caselink_dataset_set_id_column(left, "\xff", &e_));
    CHECK_FAILS(CASELINK_STATUS_UNKNOWN_FIELD, "record_id", caselink_dataset_set_id_column(left, "record_id", &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "dataset", caselink_dataset_id(NULL, 0, &sout, &e_));
    CHECK_FAILS(CASELINK_STATUS_NULL_ARGUMENT, "id_out", caselink_dataset_id(left, 0, NULL, &e_));
    CHECK_FAILS(CASELINK_STATUS_OUT_OF_RANGE, "out of range", caselink_dataset_id(left, PEOPLE_N, &sout, &e_));
    CHECK_STR("untouched", sout);
    /* Without an id column, the id is the row number. */
    char *id = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_id(left, 12, &id, NULL), NULL);
    CHECK_STR("12", id);
    caselink_string_free(id);
    /* Missing and repeated ids are moved to the rejected rows, and the rows after them shift. */
    const char *cols[] = {"id", "given"};
    const char *r1[] = {"x1", "ann"}, *r2[] = {NULL, "bob"}, *r3[] = {"x1", "cy"}, *r4[] = {"x4", "dee"};
    caselink_dataset *ids = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_new(cols, 2, &ids, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_push_row(ids, r1, 2, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_push_row(ids, r2, 2, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_push_row(ids, r3, 2, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_push_row(ids, r4, 2, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_set_id_column(ids, "id", NULL), NULL);
    CHECK(caselink_dataset_len(ids) == 2 && caselink_dataset_rejected_len(ids) == 2);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_id(ids, 1, &id, NULL), NULL);
    CHECK_STR("x4", id);
    caselink_string_free(id);
    char *why = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_rejected_message(ids, 1, &why, NULL), NULL);
    CHECK(why != NULL && strstr(why, "duplicate id \"x1\"") != NULL);
    caselink_string_free(why);
    caselink_dataset_free(ids);

    /* _free(NULL) is a no-op. */
    caselink_linker_free(NULL);
    caselink_matches_free(NULL);

    caselink_linker_free(wrong_column);
    caselink_linker_free(trained);
    caselink_linker_free(fresh);
    caselink_dataset_free(left);
    caselink_dataset_free(right);
}

int main(int argc, char **argv) {
    snprintf(tmpdir, sizeof tmpdir, "%s", argc > 1 ? argv[1] : "/tmp");
    test_link_two_tables();
    test_dedupe();
    test_untrusted_model_files();
    test_errors();
    if (check_failures != 0) {
        fprintf(stderr, "test_linker: %d check(s) failed\n", check_failures);
        return 1;
    }
    printf("test_linker: all checks passed (%d people linked, deduplicated, saved and loaded)\n", PEOPLE_N);
    return 0;
}
