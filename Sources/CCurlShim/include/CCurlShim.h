// Placeholder until the SMTP shim lands.
int dartcast_ccurlshim_placeholder(void);
