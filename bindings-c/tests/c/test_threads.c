/*
 * Several threads call the metrics and the district normalizer at once and read one shared
 * dataset; every thread must see exactly the single-threaded answers.
 *
 * Usage: test_threads [ROUNDS]   (default 200; the valgrind run uses fewer, valgrind is ~70x slower)
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define N_THREADS 8

static const char *const PAIRS[][2] = {
    {"SMITH, JOHN M.", "John M. Smith"},
    {"MARTHA", "MARHTA"},
    {"Eastern District of Virginia", "E.D. Va."},
    {"Zo\xc3\xab Nu\xc3\xb1\x65z", "Zoe Nunez"},
    {"", "x"},
};
#define N_PAIRS (sizeof PAIRS / sizeof PAIRS[0])

typedef double (*metric_fn)(const char *, const char *);
static const metric_fn METRICS[] = {caselink_jaro_winkler, caselink_jaro, caselink_levenshtein, caselink_osa,
                                    caselink_qgram, caselink_token_sort, caselink_token_set};
#define N_METRICS (sizeof METRICS / sizeof METRICS[0])

static double expected[N_METRICS][N_PAIRS];
static const caselink_dataset *shared_dataset;
static int rounds = 200;

typedef struct {
    int id;
    int failures;
} worker;

static void *run(void *arg) {
    worker *w = (worker *)arg;
    for (int round = 0; round < rounds; round++) {
        for (size_t m = 0; m < N_METRICS; m++) {
            for (size_t p = 0; p < N_PAIRS; p++) {
                if (METRICS[m](PAIRS[p][0], PAIRS[p][1]) != expected[m][p]) {
                    w->failures++;
                }
            }
        }
        char *id = NULL;
        caselink_error *err = NULL;
        if (caselink_normalize_district("nowhere", &id, &err) != CASELINK_STATUS_OK || id != NULL) {
            w->failures++;
        }
        if (caselink_normalize_district(NULL, &id, &err) != CASELINK_STATUS_NULL_ARGUMENT || err == NULL) {
            w->failures++;
        }
        caselink_error_free(err);
        char *value = NULL;
        size_t row = (size_t)((w->id + round) % 2);
        if (caselink_dataset_value(shared_dataset, row, "name", &value, NULL) != CASELINK_STATUS_OK || value == NULL ||
            strcmp(value, row == 0 ? "Ann" : "Bob") != 0) {
            w->failures++;
        }
        caselink_string_free(value);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc > 1) {
        rounds = atoi(argv[1]);
    }
    for (size_t m = 0; m < N_METRICS; m++) {
        for (size_t p = 0; p < N_PAIRS; p++) {
            expected[m][p] = METRICS[m](PAIRS[p][0], PAIRS[p][1]);
            CHECK(expected[m][p] >= 0.0 && expected[m][p] <= 1.0);
        }
    }
    const char *names[] = {"name"};
    const char *ann[] = {"Ann"};
    const char *bob[] = {"Bob"};
    caselink_dataset *ds = NULL;
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_new(names, 1, &ds, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_push_row(ds, ann, 1, NULL), NULL);
    CHECK_STATUS(CASELINK_STATUS_OK, caselink_dataset_push_row(ds, bob, 1, NULL), NULL);
    shared_dataset = ds;

    pthread_t threads[N_THREADS];
    worker workers[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        workers[i].id = i;
        workers[i].failures = 0;
        CHECK(pthread_create(&threads[i], NULL, run, &workers[i]) == 0);
    }
    for (int i = 0; i < N_THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        if (workers[i].failures != 0) {
            fprintf(stderr, "thread %d: %d wrong answers\n", i, workers[i].failures);
        }
        CHECK(workers[i].failures == 0);
    }
    caselink_dataset_free(ds);
    if (check_failures != 0) {
        fprintf(stderr, "test_threads: %d check(s) failed\n", check_failures);
        return 1;
    }
    printf("test_threads: %d threads x %d rounds agree\n", N_THREADS, rounds);
    return 0;
}
