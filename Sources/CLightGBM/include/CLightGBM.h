int dartcast_clightgbm_placeholder(void);
