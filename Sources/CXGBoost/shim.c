#include "CXGBoost.h"
int dartcast_cxgboost_placeholder(void) { return 0; }
