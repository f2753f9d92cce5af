// Declarations of the XGBoost 3.2 C API functions dartcast calls.
// The xgboost-cpu wheel ships libxgboost.so without headers, so these mirror the
// signatures of XGBoost's include/xgboost/c_api.h (Apache-2.0) for exactly the
// symbols we use. Functions return 0 on success and non-zero on failure
// (XGBoosterSlice returns -2 when the range is out of bounds); XGBGetLastError()
// then holds the library's message.
#ifndef DARTCAST_CXGBOOST_H
#define DARTCAST_CXGBOOST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t bst_ulong;
typedef void* DMatrixHandle;
typedef void* BoosterHandle;

void XGBoostVersion(int* major, int* minor, int* patch);
const char* XGBGetLastError(void);

int XGDMatrixCreateFromMat(const float* data, bst_ulong nrow, bst_ulong ncol, float missing,
                           DMatrixHandle* out);
int XGDMatrixSetFloatInfo(DMatrixHandle handle, const char* field, const float* array,
                          bst_ulong len);
int XGDMatrixFree(DMatrixHandle handle);

int XGBoosterCreate(const DMatrixHandle dmats[], bst_ulong len, BoosterHandle* out);
int XGBoosterFree(BoosterHandle handle);
int XGBoosterSetParam(BoosterHandle handle, const char* name, const char* value);
int XGBoosterUpdateOneIter(BoosterHandle handle, int iter, DMatrixHandle dtrain);
int XGBoosterEvalOneIter(BoosterHandle handle, int iter, DMatrixHandle dmats[],
                         const char* evnames[], bst_ulong len, const char** out_result);
int XGBoosterBoostedRounds(BoosterHandle handle, int* out);
int XGBoosterSlice(BoosterHandle handle, int begin_layer, int end_layer, int step,
                   BoosterHandle* out);
int XGBoosterPredictFromDMatrix(BoosterHandle handle, DMatrixHandle dmat, const char* config,
                                const bst_ulong** out_shape, bst_ulong* out_dim,
                                const float** out_result);
int XGBoosterSaveModel(BoosterHandle handle, const char* fname);
int XGBoosterLoadModel(BoosterHandle handle, const char* fname);

#ifdef __cplusplus
}
#endif

#endif  // DARTCAST_CXGBOOST_H
