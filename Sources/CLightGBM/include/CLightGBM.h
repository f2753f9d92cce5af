// Declarations of the LightGBM 4.7 C API functions dartcast calls.
// The pip wheel ships lib_lightgbm.so without headers, so these mirror the
// signatures of LightGBM's include/LightGBM/c_api.h (MIT licence) for exactly
// the symbols we use. Every function returns 0 on success and -1 on failure;
// LGBM_GetLastError() then holds the library's message.
#ifndef DARTCAST_CLIGHTGBM_H
#define DARTCAST_CLIGHTGBM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void* DatasetHandle;
typedef void* BoosterHandle;

#define C_API_DTYPE_FLOAT32 (0)
#define C_API_DTYPE_FLOAT64 (1)

#define C_API_PREDICT_NORMAL (0)
#define C_API_PREDICT_RAW_SCORE (1)

#define C_API_FEATURE_IMPORTANCE_GAIN (1)

const char* LGBM_GetLastError(void);

int LGBM_DatasetCreateFromMat(const void* data, int data_type, int32_t nrow, int32_t ncol,
                              int is_row_major, const char* parameters,
                              const DatasetHandle reference, DatasetHandle* out);
int LGBM_DatasetSetField(DatasetHandle handle, const char* field_name, const void* field_data,
                         int num_element, int type);
int LGBM_DatasetFree(DatasetHandle handle);

int LGBM_BoosterCreate(const DatasetHandle train_data, const char* parameters, BoosterHandle* out);
int LGBM_BoosterCreateFromModelfile(const char* filename, int* out_num_iterations,
                                    BoosterHandle* out);
int LGBM_BoosterFree(BoosterHandle handle);
int LGBM_BoosterAddValidData(BoosterHandle handle, const DatasetHandle valid_data);
int LGBM_BoosterUpdateOneIter(BoosterHandle handle, int* produced_empty_tree);
int LGBM_BoosterRollbackOneIter(BoosterHandle handle);
int LGBM_BoosterGetCurrentIteration(BoosterHandle handle, int* out_iteration);
int LGBM_BoosterGetNumFeature(BoosterHandle handle, int* out_len);
int LGBM_BoosterGetEvalCounts(BoosterHandle handle, int* out_len);
int LGBM_BoosterGetEval(BoosterHandle handle, int data_idx, int* out_len, double* out_results);
int LGBM_BoosterPredictForMat(BoosterHandle handle, const void* data, int data_type, int32_t nrow,
                              int32_t ncol, int is_row_major, int predict_type,
                              int start_iteration, int num_iteration, const char* parameter,
                              int64_t* out_len, double* out_result);
int LGBM_BoosterSaveModel(BoosterHandle handle, int start_iteration, int num_iteration,
                          int feature_importance_type, const char* filename);

#ifdef __cplusplus
}
#endif

#endif  // DARTCAST_CLIGHTGBM_H
