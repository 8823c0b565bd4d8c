/* Runs one compiled function on .npy or random inputs: the engine of `tvmscript run` and of the
 * executables `tvmscript compile --emit exe` writes (this file and Runner.c are compiled into
 * both). Plain C, no dependency beyond libc. */
#ifndef TVMSCRIPT_RUNNER_H
#define TVMSCRIPT_RUNNER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum tvmscript_param_kind { TVMSCRIPT_BUFFER, TVMSCRIPT_POINTER, TVMSCRIPT_SCALAR, TVMSCRIPT_SHAPE_VAR };
enum tvmscript_type_code { TVMSCRIPT_INT, TVMSCRIPT_UINT, TVMSCRIPT_FLOAT, TVMSCRIPT_BFLOAT, TVMSCRIPT_HANDLE };

/* One parameter of the native function, in ABI order. */
struct tvmscript_param {
  const char *name;
  int kind;      /* enum tvmscript_param_kind */
  int type_code; /* enum tvmscript_type_code: element type of a buffer, else the value's type */
  int bits;      /* 1 for bool (stored as one byte) */
  int ndim;      /* buffers */
  /* Buffers: for each dimension, the index of the scalar or shape-variable parameter that the
   * extent is (bound from an input's shape), or -1. */
  const int *dim_params;
};

struct tvmscript_function {
  const char *name;
  int num_params;
  const struct tvmscript_param *params;
  /* args[i]: a buffer's or pointer's address itself; for scalars and shape variables, the address
   * of an int64_t (integers, bool) or a double (floats). */
  int32_t (*call)(void **args);
  /* Given values[i] for every integer scalar and shape variable i (others ignored), writes for
   * each buffer parameter in order its ndim extents, then the number of elements its storage
   * spans (0 when an extent is 0). */
  void (*shapes)(const int64_t *values, int64_t *out);
};

/* NAME=VALUE from the command line. */
struct tvmscript_binding {
  const char *name;
  const char *value;
};

struct tvmscript_run_options {
  const struct tvmscript_binding *inputs; /* buffer NAME=FILE.npy */
  int num_inputs;
  const struct tvmscript_binding *outputs; /* buffer NAME=FILE.npy, written after the first call */
  int num_outputs;
  const struct tvmscript_binding *values; /* scalar or shape variable NAME=NUMBER */
  int num_values;
  uint64_t seed;  /* random inputs for buffers not read from files */
  int repeat;     /* timed calls after the first */
  int quiet;      /* no buffer contents on stdout */
  const char *const *last_error; /* the module's tvmscript_last_error, or NULL */
};

/* Binds, allocates, fills, calls, reports and writes. Returns 0 when the function returned 0,
 * 1 when it failed (its code and message are printed), 2 on a usage or I/O error. Messages go to
 * stderr; buffer contents and the time per call to stdout. */
int tvmscript_run(const struct tvmscript_function *function, const struct tvmscript_run_options *options);

/* The main() of an executable over `functions`: parses --func, --input, --output, --set,
 * --random, --repeat, --quiet and --help, then calls tvmscript_run. */
int tvmscript_main(int argc, char **argv, const struct tvmscript_function *functions, int num_functions,
                   const char *const *last_error);

#ifdef __cplusplus
}
#endif

#endif
