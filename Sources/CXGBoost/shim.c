// Empty translation unit: SwiftPM needs one source file for the CXGBoost target,
// whose only job is to expose include/CXGBoost.h and link libxgboost.so.
#include "CXGBoost.h"
