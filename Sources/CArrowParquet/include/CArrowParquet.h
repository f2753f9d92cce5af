// A small C API over Apache Arrow C++'s Parquet writer and reader, so Swift sees only C.
// All functions return 0 on success; on failure they return non-zero and copy Arrow's own
// message into `error` (NUL-terminated, truncated to `error_len`).
#ifndef DARTCAST_CARROWPARQUET_H
#define DARTCAST_CARROWPARQUET_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    DC_PQ_TIMESTAMP_US_UTC = 1,  // values: int64 microseconds since epoch
    DC_PQ_INT32 = 2,             // values: int32
    DC_PQ_INT64 = 3,             // values: int64
    DC_PQ_FLOAT64 = 4,           // values: double
    DC_PQ_STRING = 5,            // strings: const char* per row (UTF-8)
    DC_PQ_DICTIONARY_STRING = 6, // strings, dictionary-encoded (dictionary<int32, utf8>)
    DC_PQ_BOOL = 7,              // values: uint8 0/1
    DC_PQ_FLOAT32 = 8,           // values: float
    DC_PQ_DATE32 = 9             // values: int32 days since 1970-01-01 (Parquet DATE)
} dc_pq_type;

typedef struct {
    const char *name;
    int32_t type;               // dc_pq_type
    const void *values;         // numeric/bool/timestamp columns
    const char *const *strings; // string columns
    const uint8_t *valid;       // optional: one byte per row, 0 = null; NULL = no nulls
} dc_pq_column;

/// Writes a table as one Parquet file at `path` (the caller renames it into place).
/// compression: "zstd", "snappy" or "none". `metadata_keys`/`metadata_values`: optional
/// key-value file metadata (count `metadata_count`).
int dc_pq_write_file(const char *path, const dc_pq_column *columns, int32_t column_count, int64_t row_count,
                     const char *compression, const char *const *metadata_keys, const char *const *metadata_values,
                     int32_t metadata_count, char *error, size_t error_len);

/// Same, into a malloc'ed buffer (for object-store PUTs). Free with dc_pq_free_buffer.
int dc_pq_write_buffer(const dc_pq_column *columns, int32_t column_count, int64_t row_count, const char *compression,
                       const char *const *metadata_keys, const char *const *metadata_values, int32_t metadata_count,
                       uint8_t **out_data, int64_t *out_size, char *error, size_t error_len);
void dc_pq_free_buffer(uint8_t *data);

typedef struct dc_pq_table dc_pq_table;

/// Reads a whole Parquet file (or an in-memory buffer when `path` is NULL).
int dc_pq_read_file(const char *path, dc_pq_table **out, char *error, size_t error_len);
int dc_pq_read_buffer(const uint8_t *data, int64_t size, dc_pq_table **out, char *error, size_t error_len);
void dc_pq_table_free(dc_pq_table *table);

int64_t dc_pq_table_rows(const dc_pq_table *table);
int32_t dc_pq_table_columns(const dc_pq_table *table);
/// Column name; valid until the table is freed.
const char *dc_pq_table_column_name(const dc_pq_table *table, int32_t column);
/// Arrow's type text for a column, e.g. "timestamp[us, tz=UTC]"; valid until the table is freed.
const char *dc_pq_table_column_type(const dc_pq_table *table, int32_t column);
/// Copies a numeric, bool or timestamp column as doubles (nulls: NaN, valid[i] = 0).
int dc_pq_table_column_doubles(const dc_pq_table *table, int32_t column, double *out, uint8_t *valid, char *error, size_t error_len);
/// Copies an integer or timestamp column as int64 (nulls: 0, valid[i] = 0).
int dc_pq_table_column_int64s(const dc_pq_table *table, int32_t column, int64_t *out, uint8_t *valid, char *error, size_t error_len);
/// A string (or dictionary string) cell; NULL when null. Valid until the table is freed.
const char *dc_pq_table_string(dc_pq_table *table, int32_t column, int64_t row);

#ifdef __cplusplus
}
#endif
#endif
