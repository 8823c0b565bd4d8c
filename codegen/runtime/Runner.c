/* Binding .npy files and random data to a compiled function's arguments, calling it, timing it. */
#include "Runner.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------------------------------ */
/* Element types. */

static int element_size(const struct tvmscript_param *p) { return p->bits == 1 ? 1 : p->bits / 8; }

static const char *type_name(int code, int bits, char *buffer, size_t size) {
  if (code == TVMSCRIPT_UINT && bits == 1) return "bool";
  const char *base = code == TVMSCRIPT_INT     ? "int"
                     : code == TVMSCRIPT_UINT  ? "uint"
                     : code == TVMSCRIPT_FLOAT ? "float"
                     : code == TVMSCRIPT_BFLOAT ? "bfloat"
                                                : "handle";
  snprintf(buffer, size, "%s%d", base, bits);
  return buffer;
}

/* The numpy descr of an element type ("<f4"); bfloat16 travels as raw uint16. */
static void npy_descr(const struct tvmscript_param *p, char *out, size_t size) {
  char kind = p->type_code == TVMSCRIPT_FLOAT ? 'f' : p->type_code == TVMSCRIPT_INT ? 'i' : 'u';
  if (p->type_code == TVMSCRIPT_UINT && p->bits == 1) kind = 'b';
  snprintf(out, size, "%c%c%d", element_size(p) == 1 ? '|' : '<', kind, element_size(p));
}

static double read_element(const struct tvmscript_param *p, const void *data, int64_t i) {
  switch (p->type_code) {
  case TVMSCRIPT_FLOAT:
    if (p->bits == 64) return ((const double *)data)[i];
    if (p->bits == 32) return ((const float *)data)[i];
    return (double)((const _Float16 *)data)[i];
  case TVMSCRIPT_BFLOAT: {
    uint32_t bits = (uint32_t)((const uint16_t *)data)[i] << 16;
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
  }
  case TVMSCRIPT_INT:
    switch (p->bits) {
    case 8: return ((const int8_t *)data)[i];
    case 16: return ((const int16_t *)data)[i];
    case 32: return ((const int32_t *)data)[i];
    default: return (double)((const int64_t *)data)[i];
    }
  default:
    switch (p->bits) {
    case 1:
    case 8: return ((const uint8_t *)data)[i];
    case 16: return ((const uint16_t *)data)[i];
    case 32: return ((const uint32_t *)data)[i];
    default: return (double)((const uint64_t *)data)[i];
    }
  }
}

static void write_element(const struct tvmscript_param *p, void *data, int64_t i, double value) {
  switch (p->type_code) {
  case TVMSCRIPT_FLOAT:
    if (p->bits == 64) ((double *)data)[i] = value;
    else if (p->bits == 32) ((float *)data)[i] = (float)value;
    else ((_Float16 *)data)[i] = (_Float16)value;
    return;
  case TVMSCRIPT_BFLOAT: {
    float f = (float)value;
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    ((uint16_t *)data)[i] = (uint16_t)((bits + 0x7fff + ((bits >> 16) & 1)) >> 16);
    return;
  }
  case TVMSCRIPT_INT:
    switch (p->bits) {
    case 8: ((int8_t *)data)[i] = (int8_t)value; return;
    case 16: ((int16_t *)data)[i] = (int16_t)value; return;
    case 32: ((int32_t *)data)[i] = (int32_t)value; return;
    default: ((int64_t *)data)[i] = (int64_t)value; return;
    }
  default:
    switch (p->bits) {
    case 1: ((uint8_t *)data)[i] = value != 0; return;
    case 8: ((uint8_t *)data)[i] = (uint8_t)value; return;
    case 16: ((uint16_t *)data)[i] = (uint16_t)value; return;
    case 32: ((uint32_t *)data)[i] = (uint32_t)value; return;
    default: ((uint64_t *)data)[i] = (uint64_t)value; return;
    }
  }
}

/* ------------------------------------------------------------------------------------------ */
/* .npy files (format versions 1-3, little-endian, C order). */

struct npy_array {
  char descr[16];
  int ndim;
  int64_t shape[16];
  void *data;
  int64_t count;
};

static int npy_read(const char *path, struct npy_array *array) {
  FILE *file = fopen(path, "rb");
  if (!file) {
    fprintf(stderr, "error: cannot open '%s': %s\n", path, strerror(errno));
    return 0;
  }
  unsigned char magic[10];
  int ok = 0;
  char *header = NULL;
  if (fread(magic, 1, 8, file) != 8 || memcmp(magic, "\x93NUMPY", 6) != 0) {
    fprintf(stderr, "error: '%s' is not a .npy file\n", path);
    goto done;
  }
  uint32_t length = 0;
  if (magic[6] == 1) {
    unsigned char bytes[2];
    if (fread(bytes, 1, 2, file) != 2) goto truncated;
    length = bytes[0] | (uint32_t)bytes[1] << 8;
  } else {
    unsigned char bytes[4];
    if (fread(bytes, 1, 4, file) != 4) goto truncated;
    length = bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
  }
  if (length > (1u << 20)) goto truncated;
  header = calloc(length + 1, 1);
  if (!header || fread(header, 1, length, file) != length) goto truncated;
  const char *descr = strstr(header, "'descr'");
  const char *order = strstr(header, "'fortran_order'");
  const char *shape = strstr(header, "'shape'");
  if (!descr || !order || !shape || sscanf(descr, "'descr': '%15[^']'", array->descr) != 1) {
    fprintf(stderr, "error: '%s' has a .npy header this tool cannot read\n", path);
    goto done;
  }
  if (strstr(order, "True")) {
    fprintf(stderr, "error: '%s' is in Fortran order; save it in C order\n", path);
    goto done;
  }
  const char *cursor = strchr(shape, '(');
  array->ndim = 0;
  array->count = 1;
  while (cursor && *++cursor && *cursor != ')') {
    if (*cursor == ' ' || *cursor == ',') continue;
    if (array->ndim == 16) goto truncated;
    char *end;
    long long extent = strtoll(cursor, &end, 10);
    if (end == cursor || extent < 0) goto truncated;
    array->shape[array->ndim++] = extent;
    array->count *= extent;
    cursor = end - 1;
  }
  int size = atoi(array->descr + 2);
  if (array->descr[0] == '>' || size <= 0) {
    fprintf(stderr, "error: '%s' holds '%s' elements; only little-endian numbers are supported\n", path,
            array->descr);
    goto done;
  }
  array->data = malloc((size_t)(array->count * size) + 1);
  if (!array->data || fread(array->data, (size_t)size, (size_t)array->count, file) != (size_t)array->count) goto truncated;
  ok = 1;
  goto done;
truncated:
  fprintf(stderr, "error: '%s' is truncated or malformed\n", path);
done:
  free(header);
  fclose(file);
  return ok;
}

static int npy_write(const char *path, const struct tvmscript_param *p, const int64_t *shape, const void *data,
                     int64_t count) {
  char descr[16];
  npy_descr(p, descr, sizeof descr);
  char dict[512];
  int n = snprintf(dict, sizeof dict, "{'descr': '%s', 'fortran_order': False, 'shape': (", descr);
  for (int i = 0; i < p->ndim; ++i)
    n += snprintf(dict + n, sizeof dict - (size_t)n, "%" PRId64 "%s", shape[i], p->ndim == 1 ? "," : i + 1 < p->ndim ? ", " : "");
  n += snprintf(dict + n, sizeof dict - (size_t)n, "), }");
  /* The header (magic, version, length, dict, padding, newline) is a multiple of 64 bytes. */
  int total = 10 + n + 1;
  int padding = (64 - total % 64) % 64;
  FILE *file = fopen(path, "wb");
  if (!file) {
    fprintf(stderr, "error: cannot write '%s': %s\n", path, strerror(errno));
    return 0;
  }
  uint16_t length = (uint16_t)(n + padding + 1);
  unsigned char prefix[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (unsigned char)(length & 0xff),
                              (unsigned char)(length >> 8)};
  fwrite(prefix, 1, sizeof prefix, file);
  fwrite(dict, 1, (size_t)n, file);
  for (int i = 0; i < padding; ++i) fputc(' ', file);
  fputc('\n', file);
  fwrite(data, (size_t)element_size(p), (size_t)count, file);
  int ok = !ferror(file);
  ok &= fclose(file) == 0;
  if (!ok) fprintf(stderr, "error: cannot write '%s'\n", path);
  return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* Running. */

static uint64_t next_random(uint64_t *state) {
  /* xorshift64* */
  *state ^= *state >> 12;
  *state ^= *state << 25;
  *state ^= *state >> 27;
  return *state * 2685821657736338717ull;
}

static void fill_random(const struct tvmscript_param *p, void *data, int64_t count, uint64_t *state) {
  for (int64_t i = 0; i < count; ++i) {
    uint64_t r = next_random(state);
    double value;
    if (p->type_code == TVMSCRIPT_FLOAT || p->type_code == TVMSCRIPT_BFLOAT)
      value = (double)(r >> 11) / 9007199254740992.0 * 2.0 - 1.0; /* [-1, 1) */
    else if (p->bits == 1)
      value = (double)(r >> 63);
    else if (p->type_code == TVMSCRIPT_INT)
      value = (double)((int64_t)(r >> 57) - 64); /* [-64, 64) */
    else
      value = (double)(r >> 57); /* [0, 128) */
    write_element(p, data, i, value);
  }
}

static const char *find_binding(const struct tvmscript_binding *bindings, int count, const char *name) {
  for (int i = 0; i < count; ++i)
    if (strcmp(bindings[i].name, name) == 0) return bindings[i].value;
  return NULL;
}

static double now_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int unknown_names(const struct tvmscript_function *f, const struct tvmscript_binding *bindings, int count,
                         int wantBuffer, const char *what) {
  for (int i = 0; i < count; ++i) {
    int found = 0;
    for (int k = 0; k < f->num_params; ++k) {
      int isBuffer = f->params[k].kind == TVMSCRIPT_BUFFER;
      if (strcmp(f->params[k].name, bindings[i].name) == 0 && isBuffer == wantBuffer) found = 1;
    }
    if (!found) {
      fprintf(stderr, "error: %s '%s': '%s' has no %s of that name\n", what, bindings[i].name, f->name,
              wantBuffer ? "buffer parameter" : "scalar parameter or shape variable");
      return 1;
    }
  }
  return 0;
}

int tvmscript_run(const struct tvmscript_function *f, const struct tvmscript_run_options *options) {
  int n = f->num_params;
  int status = 2;
  int64_t *values = calloc((size_t)n + 1, sizeof(int64_t));
  double *floats = calloc((size_t)n + 1, sizeof(double));
  int *bound = calloc((size_t)n + 1, sizeof(int));
  struct npy_array *arrays = calloc((size_t)n + 1, sizeof(struct npy_array));
  void **buffers = calloc((size_t)n + 1, sizeof(void *));
  void **args = calloc((size_t)n + 1, sizeof(void *));
  int64_t total_dims = 0;
  for (int k = 0; k < n; ++k) total_dims += f->params[k].kind == TVMSCRIPT_BUFFER ? f->params[k].ndim + 1 : 0;
  int64_t *extents = calloc((size_t)total_dims + 1, sizeof(int64_t));
  double *before = NULL;
  if (!values || !floats || !bound || !arrays || !buffers || !args || !extents) goto done;
  if (unknown_names(f, options->inputs, options->num_inputs, 1, "--input") ||
      unknown_names(f, options->outputs, options->num_outputs, 1, "--output") ||
      unknown_names(f, options->values, options->num_values, 0, "--set"))
    goto done;

  /* Scalars and shape variables: given ones first, then those an input's shape binds. */
  for (int k = 0; k < n; ++k) {
    const struct tvmscript_param *p = &f->params[k];
    if (p->kind != TVMSCRIPT_SCALAR && p->kind != TVMSCRIPT_SHAPE_VAR) continue;
    const char *text = find_binding(options->values, options->num_values, p->name);
    if (!text) continue;
    char *end;
    errno = 0;
    if (p->type_code == TVMSCRIPT_FLOAT || p->type_code == TVMSCRIPT_BFLOAT) floats[k] = strtod(text, &end);
    else values[k] = strtoll(text, &end, 0);
    if (end == text || *end || errno) {
      fprintf(stderr, "error: --set %s=%s: not a number\n", p->name, text);
      goto done;
    }
    bound[k] = 1;
  }
  for (int k = 0; k < n; ++k) {
    const struct tvmscript_param *p = &f->params[k];
    if (p->kind != TVMSCRIPT_BUFFER) continue;
    const char *path = find_binding(options->inputs, options->num_inputs, p->name);
    if (!path) continue;
    if (!npy_read(path, &arrays[k])) goto done;
    char expected[16], type[32];
    npy_descr(p, expected, sizeof expected);
    if (strcmp(arrays[k].descr + 1, expected + 1) != 0 &&
        !(p->type_code == TVMSCRIPT_BFLOAT && strcmp(arrays[k].descr + 1, "V2") == 0)) {
      fprintf(stderr, "error: --input %s: '%s' holds '%s' elements, the buffer is %s\n", p->name, path,
              arrays[k].descr, type_name(p->type_code, p->bits, type, sizeof type));
      goto done;
    }
    if (arrays[k].ndim != p->ndim) {
      fprintf(stderr, "error: --input %s: '%s' has %d dimensions, the buffer has %d\n", p->name, path,
              arrays[k].ndim, p->ndim);
      goto done;
    }
    for (int d = 0; d < p->ndim; ++d) {
      int var = p->dim_params ? p->dim_params[d] : -1;
      if (var < 0 || bound[var]) continue;
      values[var] = arrays[k].shape[d];
      bound[var] = 1;
    }
  }
  for (int k = 0; k < n; ++k) {
    const struct tvmscript_param *p = &f->params[k];
    if ((p->kind == TVMSCRIPT_SCALAR || p->kind == TVMSCRIPT_SHAPE_VAR) && !bound[k]) {
      fprintf(stderr, "error: '%s' needs a value for '%s': pass --set %s=VALUE or an input whose shape binds it\n",
              f->name, p->name, p->name);
      goto done;
    }
    if (p->kind == TVMSCRIPT_POINTER) {
      fprintf(stderr, "error: '%s' takes the raw pointer '%s', which cannot be bound from the command line\n",
              f->name, p->name);
      goto done;
    }
  }

  /* Buffers: shapes from the bound values, then storage from files or random data. */
  f->shapes(values, extents);
  uint64_t state = options->seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull;
  int64_t *cursor = extents;
  for (int k = 0; k < n; ++k) {
    const struct tvmscript_param *p = &f->params[k];
    if (p->kind != TVMSCRIPT_BUFFER) continue;
    const int64_t *shape = cursor;
    int64_t span = cursor[p->ndim];
    cursor += p->ndim + 1;
    if (span < 0) {
      fprintf(stderr, "error: buffer '%s' has a negative extent\n", p->name);
      goto done;
    }
    if (arrays[k].data) {
      for (int d = 0; d < p->ndim; ++d)
        if (arrays[k].shape[d] != shape[d]) {
          fprintf(stderr, "error: --input %s: dimension %d is %" PRId64 ", the buffer's is %" PRId64 "\n", p->name, d,
                  arrays[k].shape[d], shape[d]);
          goto done;
        }
      if (arrays[k].count < span) {
        fprintf(stderr, "error: --input %s: the buffer's strides span %" PRId64 " elements, the file has %" PRId64 "\n",
                p->name, span, arrays[k].count);
        goto done;
      }
      buffers[k] = arrays[k].data;
      arrays[k].data = NULL;
    } else {
      buffers[k] = malloc((size_t)(span > 0 ? span : 1) * (size_t)element_size(p));
      if (!buffers[k]) {
        fprintf(stderr, "error: out of memory allocating '%s'\n", p->name);
        goto done;
      }
      fill_random(p, buffers[k], span, &state);
    }
    args[k] = buffers[k];
  }
  for (int k = 0; k < n; ++k)
    if (f->params[k].kind == TVMSCRIPT_SCALAR || f->params[k].kind == TVMSCRIPT_SHAPE_VAR)
      args[k] = f->params[k].type_code == TVMSCRIPT_FLOAT || f->params[k].type_code == TVMSCRIPT_BFLOAT
                    ? (void *)&floats[k]
                    : (void *)&values[k];

  /* The first elements of each buffer before the call, to show what the call changed. */
  before = calloc((size_t)n * 8 + 1, sizeof(double));
  if (!before) goto done;
  cursor = extents;
  for (int k = 0; k < n; ++k) {
    const struct tvmscript_param *p = &f->params[k];
    if (p->kind != TVMSCRIPT_BUFFER) continue;
    int64_t span = cursor[p->ndim];
    cursor += p->ndim + 1;
    for (int64_t i = 0; i < span && i < 8; ++i) before[k * 8 + i] = read_element(p, buffers[k], i);
  }

  double start = now_seconds();
  int32_t code = f->call(args);
  double first = now_seconds() - start;
  if (code != 0) {
    const char *message = options->last_error && *options->last_error ? *options->last_error : NULL;
    fprintf(stderr, "error: '%s' returned %d%s%s\n", f->name, (int)code, message ? ": " : "", message ? message : "");
    status = 1;
    goto done;
  }
  cursor = extents;
  for (int k = 0; k < n; ++k) {
    const struct tvmscript_param *p = &f->params[k];
    if (p->kind != TVMSCRIPT_BUFFER) continue;
    const int64_t *shape = cursor;
    int64_t span = cursor[p->ndim];
    cursor += p->ndim + 1;
    const char *path = find_binding(options->outputs, options->num_outputs, p->name);
    if (path && !npy_write(path, p, shape, buffers[k], span)) goto done;
    if (options->quiet) continue;
    char type[32];
    printf("%s: %s[", p->name, type_name(p->type_code, p->bits, type, sizeof type));
    for (int d = 0; d < p->ndim; ++d) printf("%s%" PRId64, d ? ", " : "", shape[d]);
    int64_t shown = span < 8 ? span : 8;
    int changed = 0;
    for (int64_t i = 0; i < shown; ++i) changed |= before[k * 8 + i] != read_element(p, buffers[k], i);
    printf("] = ");
    if (changed) {
      printf("[");
      for (int64_t i = 0; i < shown; ++i) printf("%s%.6g", i ? ", " : "", before[k * 8 + i]);
      printf("%s] -> ", span > shown ? ", ..." : "");
    }
    printf("[");
    for (int64_t i = 0; i < shown; ++i) printf("%s%.6g", i ? ", " : "", read_element(p, buffers[k], i));
    printf("%s]\n", span > shown ? ", ..." : "");
  }
  double best = first, sum = first;
  for (int r = 0; r < options->repeat; ++r) {
    start = now_seconds();
    f->call(args);
    double t = now_seconds() - start;
    sum += t;
    if (t < best) best = t;
  }
  printf("%s: %.6f ms per call (best of %d; mean %.6f ms)\n", f->name, best * 1e3, options->repeat + 1,
         sum / (options->repeat + 1) * 1e3);
  status = 0;
done:
  if (buffers)
    for (int k = 0; k < n; ++k) free(buffers[k]);
  if (arrays)
    for (int k = 0; k < n; ++k) free(arrays[k].data);
  free(values);
  free(floats);
  free(bound);
  free(arrays);
  free(buffers);
  free(args);
  free(extents);
  free(before);
  return status;
}

/* ------------------------------------------------------------------------------------------ */
/* The executables' command line. */

static int parse_binding(const char *text, struct tvmscript_binding *out) {
  const char *equals = strchr(text, '=');
  if (!equals || equals == text) return 0;
  size_t length = (size_t)(equals - text);
  char *name = malloc(length + 1);
  if (!name) return 0;
  memcpy(name, text, length);
  name[length] = 0;
  out->name = name;
  out->value = equals + 1;
  return 1;
}

static void usage(const char *program, const struct tvmscript_function *functions, int count) {
  printf("usage: %s [--func NAME] [--input BUFFER=FILE.npy]... [--output BUFFER=FILE.npy]...\n"
         "          [--set NAME=VALUE]... [--random SEED] [--repeat N] [--quiet]\n"
         "Runs a compiled TVMScript function on .npy inputs (others random) and prints the time per call.\n"
         "functions:",
         program);
  for (int i = 0; i < count; ++i) printf(" %s", functions[i].name);
  printf("\n");
}

int tvmscript_main(int argc, char **argv, const struct tvmscript_function *functions, int num_functions,
                   const char *const *last_error) {
  int num_inputs = 0, num_outputs = 0, num_values = 0;
  struct tvmscript_binding *input_list = calloc((size_t)argc + 1, sizeof *input_list);
  struct tvmscript_binding *output_list = calloc((size_t)argc + 1, sizeof *output_list);
  struct tvmscript_binding *value_list = calloc((size_t)argc + 1, sizeof *value_list);
  if (!input_list || !output_list || !value_list) return 2;
  struct tvmscript_run_options options = {0};
  options.last_error = last_error;
  const char *name = num_functions == 1 ? functions[0].name : NULL;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      usage(argv[0], functions, num_functions);
      return 0;
    }
    if (strcmp(arg, "--quiet") == 0) {
      options.quiet = 1;
      continue;
    }
    if (!next) {
      fprintf(stderr, "error: %s needs a value (see --help)\n", arg);
      return 2;
    }
    ++i;
    if (strcmp(arg, "--func") == 0) name = next;
    else if (strcmp(arg, "--random") == 0) options.seed = strtoull(next, NULL, 0);
    else if (strcmp(arg, "--repeat") == 0) options.repeat = atoi(next) > 0 ? atoi(next) - 1 : 0;
    else if (strcmp(arg, "--input") == 0 && parse_binding(next, &input_list[num_inputs])) ++num_inputs;
    else if (strcmp(arg, "--output") == 0 && parse_binding(next, &output_list[num_outputs])) ++num_outputs;
    else if (strcmp(arg, "--set") == 0 && parse_binding(next, &value_list[num_values])) ++num_values;
    else {
      fprintf(stderr, "error: unexpected argument '%s %s' (see --help)\n", arg, next);
      return 2;
    }
  }
  const struct tvmscript_function *chosen = NULL;
  for (int i = 0; i < num_functions && name; ++i)
    if (strcmp(functions[i].name, name) == 0) chosen = &functions[i];
  if (!chosen) {
    fprintf(stderr, "error: %s; choose one with --func:", name ? "no such function" : "several functions");
    for (int i = 0; i < num_functions; ++i) fprintf(stderr, " %s", functions[i].name);
    fprintf(stderr, "\n");
    return 2;
  }
  options.inputs = input_list;
  options.num_inputs = num_inputs;
  options.outputs = output_list;
  options.num_outputs = num_outputs;
  options.values = value_list;
  options.num_values = num_values;
  return tvmscript_run(chosen, &options);
}
