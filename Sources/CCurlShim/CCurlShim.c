#include "CCurlShim.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// curl_global_init is not thread-safe: run it exactly once per process.
static pthread_once_t dc_curl_once = PTHREAD_ONCE_INIT;
static CURLcode dc_curl_global_status = CURLE_OK;

static void dc_curl_global_init(void) { dc_curl_global_status = curl_global_init(CURL_GLOBAL_DEFAULT); }

typedef struct dc_upload {
    const char *data;
    size_t length;
    size_t offset;
} dc_upload;

static size_t dc_read_message(char *buffer, size_t size, size_t count, void *userdata) {
    dc_upload *upload = (dc_upload *)userdata;
    size_t room = size * count;
    size_t left = upload->length - upload->offset;
    size_t chunk = left < room ? left : room;
    memcpy(buffer, upload->data + upload->offset, chunk);
    upload->offset += chunk;
    return chunk;
}

static dc_smtp_failure dc_classify(CURLcode code) {
    switch (code) {
    case CURLE_OK: return DC_SMTP_OK;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT: return DC_SMTP_CONNECT;
    case CURLE_OPERATION_TIMEDOUT: return DC_SMTP_TIMEOUT;
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM: return DC_SMTP_TLS;
    case CURLE_LOGIN_DENIED: return DC_SMTP_AUTH;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING: return DC_SMTP_NETWORK;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UPLOAD_FAILED:
    case CURLE_QUOTE_ERROR: return DC_SMTP_REJECTED;
    default: return DC_SMTP_OTHER;
    }
}

static void dc_write_error(char *error, size_t length, CURLcode code, const char *detail) {
    if (error == NULL || length == 0) return;
    if (detail != NULL && detail[0] != '\0')
        snprintf(error, length, "%s: %s", curl_easy_strerror(code), detail);
    else
        snprintf(error, length, "%s", curl_easy_strerror(code));
}

const char *dc_curl_version(void) { return curl_version(); }

int dc_curl_smtp_send(const dc_smtp_request *request, dc_smtp_result *result, char *error, size_t error_length) {
    result->failure = DC_SMTP_OTHER;
    result->curl_code = 0;
    result->response_code = 0;
    if (error != NULL && error_length > 0) error[0] = '\0';

    pthread_once(&dc_curl_once, dc_curl_global_init);
    if (dc_curl_global_status != CURLE_OK) {
        result->curl_code = (int)dc_curl_global_status;
        dc_write_error(error, error_length, dc_curl_global_status, "curl_global_init failed");
        return -1;
    }
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        result->curl_code = (int)CURLE_FAILED_INIT;
        dc_write_error(error, error_length, CURLE_FAILED_INIT, "curl_easy_init failed");
        return -1;
    }

    struct curl_slist *recipients = NULL;
    for (size_t i = 0; i < request->recipient_count; i++) {
        struct curl_slist *next = curl_slist_append(recipients, request->recipients[i]);
        if (next == NULL) {
            curl_slist_free_all(recipients);
            curl_easy_cleanup(curl);
            result->curl_code = (int)CURLE_OUT_OF_MEMORY;
            dc_write_error(error, error_length, CURLE_OUT_OF_MEMORY, NULL);
            return -1;
        }
        recipients = next;
    }

    char detail[CURL_ERROR_SIZE];
    detail[0] = '\0';
    dc_upload upload = {request->message, request->message_length, 0};

    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we run on worker threads
    curl_easy_setopt(curl, CURLOPT_URL, request->url);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, request->require_tls ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_NONE);
    if (request->ca_file != NULL) curl_easy_setopt(curl, CURLOPT_CAINFO, request->ca_file);
    if (request->username != NULL) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, request->username);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, request->password != NULL ? request->password : "");
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, request->mail_from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, dc_read_message);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)request->message_length);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, request->connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request->total_timeout_ms);

    CURLcode code = curl_easy_perform(curl);
    long response = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
    result->curl_code = (int)code;
    result->response_code = response;
    result->failure = dc_classify(code);
    // A 535 reply means the credentials were refused, whatever CURLcode libcurl picked.
    if (code != CURLE_OK && (response == 535 || response == 534)) result->failure = DC_SMTP_AUTH;
    else if (code != CURLE_OK && response >= 400 && result->failure == DC_SMTP_OTHER) result->failure = DC_SMTP_REJECTED;
    if (code != CURLE_OK) dc_write_error(error, error_length, code, detail);

    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    return code == CURLE_OK ? 0 : -1;
}
