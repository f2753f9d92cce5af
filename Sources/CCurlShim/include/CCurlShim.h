#ifndef DARTCAST_CCURLSHIM_H
#define DARTCAST_CCURLSHIM_H

// Non-variadic wrappers over libcurl for SMTP: Swift cannot call the variadic
// curl_easy_setopt, so every option is set here and Swift passes one plain struct.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One message to submit. All strings are NUL-terminated UTF-8; optional ones may be NULL.
typedef struct dc_smtp_request {
    /// `smtp://host:port` (STARTTLS or plain) or `smtps://host:port` (implicit TLS).
    const char *url;
    /// NULL: no AUTH.
    const char *username;
    const char *password;
    /// Bare envelope sender address (no angle brackets).
    const char *mail_from;
    /// Bare envelope recipient addresses.
    const char *const *recipients;
    size_t recipient_count;
    /// The full RFC 5322 message with CRLF line endings (libcurl dot-stuffs it).
    const char *message;
    size_t message_length;
    /// PEM file of trusted CA certificates; NULL: the system store.
    const char *ca_file;
    /// 1: require TLS (STARTTLS on smtp://, CURLUSESSL_ALL); 0: plain text.
    int require_tls;
    long connect_timeout_ms;
    long total_timeout_ms;
} dc_smtp_request;

/// What went wrong, coarse enough to decide on retries.
typedef enum dc_smtp_failure {
    DC_SMTP_OK = 0,
    /// Could not resolve the host or connect (closed port, host down).
    DC_SMTP_CONNECT = 1,
    /// Connect or total timeout.
    DC_SMTP_TIMEOUT = 2,
    /// TLS handshake or certificate verification failed, or the server lacks STARTTLS.
    DC_SMTP_TLS = 3,
    /// The server refused the credentials.
    DC_SMTP_AUTH = 4,
    /// The server answered a command with an error (see response_code: 4xx transient, 5xx permanent).
    DC_SMTP_REJECTED = 5,
    /// The connection broke while sending or receiving.
    DC_SMTP_NETWORK = 6,
    /// Anything else (bad option, out of memory, …).
    DC_SMTP_OTHER = 7
} dc_smtp_failure;

typedef struct dc_smtp_result {
    dc_smtp_failure failure;
    /// The CURLcode, for logs.
    int curl_code;
    /// The last SMTP reply code, 0 if none.
    long response_code;
} dc_smtp_result;

/// Sends one message. Blocks until done or timed out. On failure writes libcurl's
/// message (curl_easy_strerror plus CURLOPT_ERRORBUFFER detail) into `error`.
/// Returns 0 on success, -1 on failure.
int dc_curl_smtp_send(const dc_smtp_request *request, dc_smtp_result *result, char *error, size_t error_length);

/// The libcurl version string, e.g. "libcurl/7.88.1 OpenSSL/3.0.17 …".
const char *dc_curl_version(void);

#ifdef __cplusplus
}
#endif

#endif
