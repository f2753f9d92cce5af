// C API over Arrow C++'s Parquet reader/writer. Errors carry Arrow's own status message.
#include "CArrowParquet.h"

#include <arrow/api.h>
#include <arrow/io/api.h>
#include <arrow/util/key_value_metadata.h>
#include <parquet/arrow/reader.h>
#include <parquet/arrow/writer.h>
#include <parquet/exception.h>

#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

void set_error(char *error, size_t error_len, const std::string &message) {
    if (error == nullptr || error_len == 0) return;
    size_t n = message.size() < error_len - 1 ? message.size() : error_len - 1;
    std::memcpy(error, message.data(), n);
    error[n] = '\0';
}

bool is_valid(const dc_pq_column &column, int64_t row) { return column.valid == nullptr || column.valid[row] != 0; }

template <typename Builder, typename T>
arrow::Status append_numeric(Builder &builder, const dc_pq_column &column, int64_t rows) {
    const T *values = static_cast<const T *>(column.values);
    ARROW_RETURN_NOT_OK(builder.Reserve(rows));
    for (int64_t i = 0; i < rows; ++i) {
        if (is_valid(column, i)) builder.UnsafeAppend(values[i]); else builder.UnsafeAppendNull();
    }
    return arrow::Status::OK();
}

arrow::Result<std::shared_ptr<arrow::Array>> build_array(const dc_pq_column &column, int64_t rows,
                                                         std::shared_ptr<arrow::DataType> *type_out) {
    std::shared_ptr<arrow::Array> array;
    switch (column.type) {
    case DC_PQ_TIMESTAMP_US_UTC: {
        auto type = arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");
        arrow::TimestampBuilder builder(type, arrow::default_memory_pool());
        ARROW_RETURN_NOT_OK((append_numeric<arrow::TimestampBuilder, int64_t>(builder, column, rows)));
        ARROW_RETURN_NOT_OK(builder.Finish(&array));
        *type_out = type;
        break;
    }
    case DC_PQ_INT32: {
        arrow::Int32Builder builder;
        ARROW_RETURN_NOT_OK((append_numeric<arrow::Int32Builder, int32_t>(builder, column, rows)));
        ARROW_RETURN_NOT_OK(builder.Finish(&array));
        *type_out = arrow::int32();
        break;
    }
    case DC_PQ_DATE32: {
        arrow::Date32Builder builder;
        ARROW_RETURN_NOT_OK((append_numeric<arrow::Date32Builder, int32_t>(builder, column, rows)));
        ARROW_RETURN_NOT_OK(builder.Finish(&array));
        *type_out = arrow::date32();
        break;
    }
    case DC_PQ_INT64: {
        arrow::Int64Builder builder;
        ARROW_RETURN_NOT_OK((append_numeric<arrow::Int64Builder, int64_t>(builder, column, rows)));
        ARROW_RETURN_NOT_OK(builder.Finish(&array));
        *type_out = arrow::int64();
        break;
    }
    case DC_PQ_FLOAT64: {
        arrow::DoubleBuilder builder;
        ARROW_RETURN_NOT_OK((append_numeric<arrow::DoubleBuilder, double>(builder, column, rows)));
        ARROW_RETURN_NOT_OK(builder.Finish(&array));
        *type_out = arrow::float64();
        break;
    }
    case DC_PQ_FLOAT32: {
        arrow::FloatBuilder builder;
        ARROW_RETURN_NOT_OK((append_numeric<arrow::FloatBuilder, float>(builder, column, rows)));
        ARROW_RETURN_NOT_OK(builder.Finish(&array));
        *type_out = arrow::float32();
        break;
    }
    case DC_PQ_BOOL: {
        arrow::BooleanBuilder builder;
        const uint8_t *values = static_cast<const uint8_t *>(column.values);
        ARROW_RETURN_NOT_OK(builder.Reserve(rows));
        for (int64_t i = 0; i < rows; ++i) {
            if (is_valid(column, i)) builder.UnsafeAppend(values[i] != 0); else builder.UnsafeAppendNull();
        }
        ARROW_RETURN_NOT_OK(builder.Finish(&array));
        *type_out = arrow::boolean();
        break;
    }
    case DC_PQ_STRING: {
        arrow::StringBuilder builder;
        ARROW_RETURN_NOT_OK(builder.Reserve(rows));
        for (int64_t i = 0; i < rows; ++i) {
            if (is_valid(column, i) && column.strings[i] != nullptr) ARROW_RETURN_NOT_OK(builder.Append(column.strings[i]));
            else ARROW_RETURN_NOT_OK(builder.AppendNull());
        }
        ARROW_RETURN_NOT_OK(builder.Finish(&array));
        *type_out = arrow::utf8();
        break;
    }
    case DC_PQ_DICTIONARY_STRING: {
        arrow::StringDictionary32Builder builder;
        for (int64_t i = 0; i < rows; ++i) {
            if (is_valid(column, i) && column.strings[i] != nullptr) ARROW_RETURN_NOT_OK(builder.Append(column.strings[i]));
            else ARROW_RETURN_NOT_OK(builder.AppendNull());
        }
        ARROW_RETURN_NOT_OK(builder.Finish(&array));
        *type_out = arrow::dictionary(arrow::int32(), arrow::utf8());
        break;
    }
    default:
        return arrow::Status::Invalid("column '", column.name ? column.name : "?", "' has unknown type code ", column.type);
    }
    return array;
}

arrow::Result<std::shared_ptr<arrow::Table>> build_table(const dc_pq_column *columns, int32_t count, int64_t rows,
                                                         const char *const *keys, const char *const *values, int32_t metadata_count) {
    std::vector<std::shared_ptr<arrow::Field>> fields;
    std::vector<std::shared_ptr<arrow::Array>> arrays;
    for (int32_t c = 0; c < count; ++c) {
        std::shared_ptr<arrow::DataType> type;
        ARROW_ASSIGN_OR_RAISE(auto array, build_array(columns[c], rows, &type));
        bool nullable = columns[c].valid != nullptr || columns[c].type == DC_PQ_STRING || columns[c].type == DC_PQ_DICTIONARY_STRING;
        fields.push_back(arrow::field(columns[c].name, type, nullable));
        arrays.push_back(array);
    }
    std::shared_ptr<arrow::KeyValueMetadata> metadata;
    if (metadata_count > 0) {
        std::vector<std::string> k, v;
        for (int32_t i = 0; i < metadata_count; ++i) { k.emplace_back(keys[i]); v.emplace_back(values[i]); }
        metadata = arrow::key_value_metadata(k, v);
    }
    return arrow::Table::Make(arrow::schema(fields, metadata), arrays, rows);
}

arrow::Result<std::shared_ptr<parquet::WriterProperties>> writer_properties(const char *compression) {
    parquet::WriterProperties::Builder builder;
    std::string name = compression ? compression : "zstd";
    if (name == "zstd") builder.compression(arrow::Compression::ZSTD);
    else if (name == "snappy") builder.compression(arrow::Compression::SNAPPY);
    else if (name == "none") builder.compression(arrow::Compression::UNCOMPRESSED);
    else return arrow::Status::Invalid("compression '", name, "' is not one of zstd, snappy, none");
    return builder.build();
}

arrow::Status write_to(std::shared_ptr<arrow::io::OutputStream> sink, const dc_pq_column *columns, int32_t count, int64_t rows,
                       const char *compression, const char *const *keys, const char *const *values, int32_t metadata_count) {
    ARROW_ASSIGN_OR_RAISE(auto table, build_table(columns, count, rows, keys, values, metadata_count));
    ARROW_ASSIGN_OR_RAISE(auto properties, writer_properties(compression));
    auto arrow_properties = parquet::ArrowWriterProperties::Builder().store_schema()->build();
    ARROW_RETURN_NOT_OK(parquet::arrow::WriteTable(*table, arrow::default_memory_pool(), sink,
                                                   std::max<int64_t>(rows, 1), properties, arrow_properties));
    return sink->Close();
}

}  // namespace

struct dc_pq_table {
    std::shared_ptr<arrow::Table> table;
    std::vector<std::string> names;
    std::vector<std::string> types;
    std::map<int32_t, std::vector<std::string>> strings;
    std::map<int32_t, std::vector<uint8_t>> string_valid;
};

template <typename Out, typename Convert>
static int copy_numeric(const dc_pq_table *table, int32_t column, Out *out, uint8_t *valid, Out null_value, Convert convert,
                        char *error, size_t error_len) {
    auto array = table->table->column(column)->chunk(0);
    int64_t rows = array->length();
    for (int64_t i = 0; i < rows; ++i) {
        bool ok = array->IsValid(i);
        if (valid) valid[i] = ok ? 1 : 0;
        if (!ok) { out[i] = null_value; continue; }
        switch (array->type_id()) {
        case arrow::Type::INT32: out[i] = convert(static_cast<const arrow::Int32Array &>(*array).Value(i)); break;
        case arrow::Type::INT64: out[i] = convert(static_cast<const arrow::Int64Array &>(*array).Value(i)); break;
        case arrow::Type::DATE32: out[i] = convert(static_cast<const arrow::Date32Array &>(*array).Value(i)); break;
        case arrow::Type::TIMESTAMP: out[i] = convert(static_cast<const arrow::TimestampArray &>(*array).Value(i)); break;
        case arrow::Type::DOUBLE: out[i] = convert(static_cast<const arrow::DoubleArray &>(*array).Value(i)); break;
        case arrow::Type::FLOAT: out[i] = convert(static_cast<const arrow::FloatArray &>(*array).Value(i)); break;
        case arrow::Type::BOOL: out[i] = convert(static_cast<const arrow::BooleanArray &>(*array).Value(i) ? 1 : 0); break;
        default:
            set_error(error, error_len, "column '" + table->names.at(column) + "' of type " + table->types.at(column) + " is not numeric");
            return 1;
        }
    }
    return 0;
}

extern "C" {

int dc_pq_write_file(const char *path, const dc_pq_column *columns, int32_t column_count, int64_t row_count,
                     const char *compression, const char *const *metadata_keys, const char *const *metadata_values,
                     int32_t metadata_count, char *error, size_t error_len) {
    try {
        auto opened = arrow::io::FileOutputStream::Open(path);
        if (!opened.ok()) { set_error(error, error_len, opened.status().ToString()); return 1; }
        auto status = write_to(*opened, columns, column_count, row_count, compression, metadata_keys, metadata_values, metadata_count);
        if (!status.ok()) { set_error(error, error_len, status.ToString()); return 1; }
        return 0;
    } catch (const std::exception &e) {
        set_error(error, error_len, e.what());
        return 1;
    }
}

int dc_pq_write_buffer(const dc_pq_column *columns, int32_t column_count, int64_t row_count, const char *compression,
                       const char *const *metadata_keys, const char *const *metadata_values, int32_t metadata_count,
                       uint8_t **out_data, int64_t *out_size, char *error, size_t error_len) {
    try {
        auto stream = arrow::io::BufferOutputStream::Create();
        if (!stream.ok()) { set_error(error, error_len, stream.status().ToString()); return 1; }
        auto sink = *stream;
        auto table = build_table(columns, column_count, row_count, metadata_keys, metadata_values, metadata_count);
        if (!table.ok()) { set_error(error, error_len, table.status().ToString()); return 1; }
        auto properties = writer_properties(compression);
        if (!properties.ok()) { set_error(error, error_len, properties.status().ToString()); return 1; }
        auto arrow_properties = parquet::ArrowWriterProperties::Builder().store_schema()->build();
        auto status = parquet::arrow::WriteTable(**table, arrow::default_memory_pool(), sink, std::max<int64_t>(row_count, 1),
                                                 *properties, arrow_properties);
        if (!status.ok()) { set_error(error, error_len, status.ToString()); return 1; }
        auto buffer = sink->Finish();
        if (!buffer.ok()) { set_error(error, error_len, buffer.status().ToString()); return 1; }
        auto size = (*buffer)->size();
        auto *data = static_cast<uint8_t *>(std::malloc(size > 0 ? size : 1));
        if (data == nullptr) { set_error(error, error_len, "out of memory"); return 1; }
        std::memcpy(data, (*buffer)->data(), size);
        *out_data = data;
        *out_size = size;
        return 0;
    } catch (const std::exception &e) {
        set_error(error, error_len, e.what());
        return 1;
    }
}

void dc_pq_free_buffer(uint8_t *data) { std::free(data); }

static int read_from(std::shared_ptr<arrow::io::RandomAccessFile> input, dc_pq_table **out, char *error, size_t error_len) {
    auto reader = parquet::arrow::OpenFile(input, arrow::default_memory_pool());
    if (!reader.ok()) { set_error(error, error_len, reader.status().ToString()); return 1; }
    auto read = (*reader)->ReadTable();
    if (!read.ok()) { set_error(error, error_len, read.status().ToString()); return 1; }
    auto combined = (*read)->CombineChunks();
    if (!combined.ok()) { set_error(error, error_len, combined.status().ToString()); return 1; }
    auto *result = new dc_pq_table();
    result->table = *combined;
    for (const auto &field : result->table->schema()->fields()) {
        result->names.push_back(field->name());
        result->types.push_back(field->type()->ToString());
    }
    *out = result;
    return 0;
}

int dc_pq_read_file(const char *path, dc_pq_table **out, char *error, size_t error_len) {
    try {
        auto input = arrow::io::ReadableFile::Open(path);
        if (!input.ok()) { set_error(error, error_len, input.status().ToString()); return 1; }
        return read_from(*input, out, error, error_len);
    } catch (const std::exception &e) {
        set_error(error, error_len, e.what());
        return 1;
    }
}

int dc_pq_read_buffer(const uint8_t *data, int64_t size, dc_pq_table **out, char *error, size_t error_len) {
    try {
        auto buffer = std::make_shared<arrow::Buffer>(data, size);
        return read_from(std::make_shared<arrow::io::BufferReader>(buffer), out, error, error_len);
    } catch (const std::exception &e) {
        set_error(error, error_len, e.what());
        return 1;
    }
}

void dc_pq_table_free(dc_pq_table *table) { delete table; }
int64_t dc_pq_table_rows(const dc_pq_table *table) { return table->table->num_rows(); }
int32_t dc_pq_table_columns(const dc_pq_table *table) { return table->table->num_columns(); }
const char *dc_pq_table_column_name(const dc_pq_table *table, int32_t column) { return table->names.at(column).c_str(); }
const char *dc_pq_table_column_type(const dc_pq_table *table, int32_t column) { return table->types.at(column).c_str(); }

int dc_pq_table_column_doubles(const dc_pq_table *table, int32_t column, double *out, uint8_t *valid, char *error, size_t error_len) {
    if (table->table->num_rows() == 0) return 0;
    return copy_numeric<double>(table, column, out, valid, NAN, [](auto v) { return static_cast<double>(v); }, error, error_len);
}

int dc_pq_table_column_int64s(const dc_pq_table *table, int32_t column, int64_t *out, uint8_t *valid, char *error, size_t error_len) {
    if (table->table->num_rows() == 0) return 0;
    return copy_numeric<int64_t>(table, column, out, valid, 0, [](auto v) { return static_cast<int64_t>(v); }, error, error_len);
}

const char *dc_pq_table_string(dc_pq_table *table, int32_t column, int64_t row) {
    auto found = table->strings.find(column);
    if (found == table->strings.end()) {
        auto array = table->table->column(column)->chunk(0);
        std::vector<std::string> values(array->length());
        std::vector<uint8_t> valid(array->length());
        if (array->type_id() == arrow::Type::DICTIONARY) {
            auto &dict_array = static_cast<const arrow::DictionaryArray &>(*array);
            auto dictionary = std::static_pointer_cast<arrow::StringArray>(dict_array.dictionary());
            for (int64_t i = 0; i < array->length(); ++i) {
                valid[i] = dict_array.IsValid(i);
                if (valid[i]) values[i] = dictionary->GetString(dict_array.GetValueIndex(i));
            }
        } else if (array->type_id() == arrow::Type::STRING) {
            auto &strings = static_cast<const arrow::StringArray &>(*array);
            for (int64_t i = 0; i < array->length(); ++i) {
                valid[i] = strings.IsValid(i);
                if (valid[i]) values[i] = strings.GetString(i);
            }
        } else {
            return nullptr;
        }
        table->strings[column] = std::move(values);
        table->string_valid[column] = std::move(valid);
        found = table->strings.find(column);
    }
    if (row < 0 || row >= static_cast<int64_t>(found->second.size()) || !table->string_valid[column][row]) return nullptr;
    return found->second[row].c_str();
}

}  // extern "C"
