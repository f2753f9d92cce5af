int dartcast_cxgboost_placeholder(void);
