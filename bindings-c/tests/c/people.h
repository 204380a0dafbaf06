/*
 * Thirty people for the linker tests (C11 and C++ compatible): a left table with the clean
 * records, and a right table holding the same people in another order, each with one typo (in
 * the given name, the surname or the date of birth) and every fifth city missing.
 */
#ifndef CASELINK_TEST_PEOPLE_H
#define CASELINK_TEST_PEOPLE_H

#include <stdio.h>
#include <string.h>

#include "caselink.h"

#define PEOPLE_N 30

static const char *const PEOPLE_SPEC =
    "{\"unique_id\": \"id\", \"comparisons\": ["
    "{\"type\": \"string\", \"column\": \"given\", \"metric\": \"jaro_winkler\", \"thresholds\": [0.9, 0.8]},"
    "{\"type\": \"string\", \"column\": \"surname\", \"metric\": \"jaro_winkler\", \"thresholds\": [0.9, 0.8]},"
    "{\"type\": \"string\", \"column\": \"dob\", \"metric\": \"levenshtein\", \"thresholds\": [0.8]},"
    "{\"type\": \"exact\", \"column\": \"city\"}],"
    " \"blocking\": [{\"type\": \"key\", \"keys\": [{\"fn\": \"value\", \"column\": \"surname\"}]},"
    "{\"type\": \"key\", \"keys\": [{\"fn\": \"value\", \"column\": \"dob\"}]}],"
    " \"model\": {\"u_sample_pairs\": 20000, \"seed\": 7}}";

static const char *const PEOPLE_COLUMNS[5] = {"id", "given", "surname", "dob", "city"};

static const char *const PEOPLE[PEOPLE_N][4] = {
    {"margaret", "okonkwo", "1961-02-14", "springfield"}, {"thomas", "bergstrom", "1975-11-03", "riverton"},
    {"aisha", "rahman", "1988-06-21", "lakeside"},        {"daniel", "fitzgerald", "1952-09-30", "hillview"},
    {"lucia", "moreno", "1994-01-17", "oakdale"},         {"kenji", "watanabe", "1969-04-08", "brookfield"},
    {"olga", "petrenko", "1980-12-25", "springfield"},    {"samuel", "adeyemi", "1973-07-11", "riverton"},
    {"ingrid", "johansson", "1958-03-02", "lakeside"},    {"rafael", "castillo", "1991-10-19", "hillview"},
    {"priya", "raghunathan", "1984-05-27", "oakdale"},    {"connor", "mcallister", "1966-08-15", "brookfield"},
    {"fatima", "belkacem", "1979-02-09", "springfield"},  {"viktor", "lindqvist", "1955-06-04", "riverton"},
    {"nadia", "haddad", "1990-09-12", "lakeside"},        {"gregory", "whitfield", "1948-12-01", "hillview"},
    {"mei", "zhang", "1986-03-23", "oakdale"},            {"tobias", "hoffmann", "1971-01-29", "brookfield"},
    {"yasmin", "karimi", "1993-08-06", "springfield"},    {"patrick", "donnelly", "1962-10-10", "riverton"},
    {"elena", "vasquez", "1977-04-16", "lakeside"},       {"hamid", "sarraf", "1959-07-28", "hillview"},
    {"chloe", "dubois", "1996-11-22", "oakdale"},         {"marcus", "thornton", "1968-02-05", "brookfield"},
    {"sofia", "papadakis", "1982-05-13", "springfield"},  {"ewan", "macgregor", "1974-09-24", "riverton"},
    {"amara", "nwosu", "1989-12-07", "lakeside"},         {"jonas", "kowalczyk", "1963-06-18", "hillview"},
    {"leila", "farahani", "1992-03-31", "oakdale"},       {"oscar", "lindgren", "1957-08-26", "brookfield"},
};

/* Right row j holds person people_right_person(j): 7 is coprime to 30, so this is a permutation. */
static inline size_t people_right_person(size_t j) { return (j * 7 + 3) % PEOPLE_N; }

/* The right row holding left person i. */
static inline size_t people_right_row(size_t i) {
    for (size_t j = 0; j < PEOPLE_N; j++) {
        if (people_right_person(j) == i) {
            return j;
        }
    }
    return PEOPLE_N;
}

/* Copy `s` into `buf` with one deterministic typo of kind `kind` (0 swap, 1 replace, 2 bump digit). */
static inline void people_typo(const char *s, int kind, char *buf, size_t size) {
    snprintf(buf, size, "%s", s);
    size_t n = strlen(buf);
    if (kind == 0 && n > 3) {
        char t = buf[1];
        buf[1] = buf[2];
        buf[2] = t;
    } else if (kind == 1 && n > 3) {
        buf[2] = buf[2] == 'x' ? 'q' : 'x';
    } else if (kind == 2 && n > 0) {
        buf[n - 1] = buf[n - 1] == '9' ? '0' : (char)(buf[n - 1] + 1);
    }
}

/* Append one person as a row; `right` applies the typo and the missing city. Returns the status. */
static inline caselink_status people_push(caselink_dataset *ds, size_t person, int right, const char *id) {
    char given[64], surname[64], dob[64];
    const char *const *p = PEOPLE[person];
    int kind = right ? (int)(person % 3) : -1;
    people_typo(p[0], kind == 0 ? 0 : -1, given, sizeof given);
    people_typo(p[1], kind == 1 ? 1 : -1, surname, sizeof surname);
    people_typo(p[2], kind == 2 ? 2 : -1, dob, sizeof dob);
    const char *row[5] = {id, given, surname, dob, (right && person % 5 == 0) ? NULL : p[3]};
    return caselink_dataset_push_row(ds, row, 5, NULL);
}

/* The left (right = 0) or right (right = 1) table with ids "L00".. / "R00"..; NULL on failure. */
static inline caselink_dataset *people_dataset(int right) {
    caselink_dataset *ds = NULL;
    if (caselink_dataset_new(PEOPLE_COLUMNS, 5, &ds, NULL) != CASELINK_STATUS_OK) {
        return NULL;
    }
    for (size_t row = 0; row < PEOPLE_N; row++) {
        char id[16];
        snprintf(id, sizeof id, "%c%02u", right ? 'R' : 'L', (unsigned)row);
        size_t person = right ? people_right_person(row) : row;
        if (people_push(ds, person, right, id) != CASELINK_STATUS_OK) {
            caselink_dataset_free(ds);
            return NULL;
        }
    }
    return ds;
}

#endif /* CASELINK_TEST_PEOPLE_H */
