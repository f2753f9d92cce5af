#!/usr/bin/env python3
"""Writes SharedKey test vectors produced by Microsoft's azure-storage-blob SDK.

The SDK's own clients build each request and its own SharedKeyCredentialPolicy signs it; a
transport captures the request instead of sending it. Time and request ids are pinned so the
output is reproducible.

usage:
  d=$(mktemp -d); python3 -m pip install --target "$d" azure-storage-blob==12.31.1
  PYTHONPATH="$d" python3 scripts/testing/azure_vectors.py > Tests/DartPublishTests/Azure/Fixtures/sharedkey_vectors.json
"""
import base64
import json
import sys
import types

from azure.core.pipeline.transport import HttpTransport
from azure.storage.blob import BlobServiceClient, ContentSettings
from azure.storage.blob._shared import authentication, policies

ACCOUNT = "dartcastvectors"
# Not a real key: 64 fixed bytes, base64 like a portal key.
KEY = base64.b64encode(bytes(range(7, 71))).decode()
FIXED_TIME = 1730541600.0  # 2024-11-02T10:00:00Z

policies.time = lambda: FIXED_TIME
_request_ids = iter(f"00000000-0000-0000-0000-{n:012d}" for n in range(1, 1000))
policies.uuid = types.SimpleNamespace(uuid1=lambda: next(_request_ids))

_signed = {}
_original_add = authentication.SharedKeyCredentialPolicy._add_authorization_header


def _capture_add(self, request, string_to_sign):
    _signed["headers"] = [[k, v] for k, v in request.http_request.headers.items()]
    _signed["string_to_sign"] = string_to_sign
    _original_add(self, request, string_to_sign)


authentication.SharedKeyCredentialPolicy._add_authorization_header = _capture_add


class Captured(Exception):
    pass


class CapturingTransport(HttpTransport):
    """Records the signed request and stops the SDK before anything is sent."""

    def __init__(self):
        self.last = None

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass

    def open(self):
        pass

    def close(self):
        pass

    def send(self, request, **kwargs):
        self.last = request
        raise Captured()


def capture(name, transport, action):
    _signed.clear()
    try:
        action()
    except Captured:
        pass
    request = transport.last
    return {
        "name": name,
        "method": request.method,
        "url": request.url,
        "headers": _signed["headers"],
        "string_to_sign": _signed["string_to_sign"],
        "authorization": request.headers["Authorization"],
    }


def main():
    vectors = []
    for label, endpoint in [("account", f"https://{ACCOUNT}.blob.core.windows.net"),
                            ("emulator", f"http://127.0.0.1:10000/{ACCOUNT}")]:
        transport = CapturingTransport()
        service = BlobServiceClient(endpoint, credential={"account_name": ACCOUNT, "account_key": KEY},
                                    transport=transport, retry_total=0)
        container = service.get_container_client("forecasts")
        key = "predictions/product=dayahead/issue_date=2024-11-02/part-run a.parquet"
        blob = container.get_blob_client(key)
        body = b"PAR1 not really parquet PAR1"
        vectors.append(capture(f"{label}: put blob with content type", transport, lambda: blob.upload_blob(
            body, overwrite=True, content_settings=ContentSettings(content_type="application/vnd.apache.parquet"))))
        vectors.append(capture(f"{label}: put blob with content-md5", transport, lambda: blob.upload_blob(
            body, overwrite=True, validate_content=True,
            content_settings=ContentSettings(content_type="application/json"))))
        vectors.append(capture(f"{label}: put empty blob", transport, lambda: container.get_blob_client("empty.txt").upload_blob(
            b"", overwrite=True)))
        vectors.append(capture(f"{label}: get blob", transport, lambda: blob.download_blob()))
        vectors.append(capture(f"{label}: get blob with unicode and spaces", transport,
                               lambda: container.get_blob_client("prévisions/€ report (v2).parquet").download_blob()))
        vectors.append(capture(f"{label}: delete blob", transport, lambda: blob.delete_blob(delete_snapshots="include")))
        vectors.append(capture(f"{label}: list blobs with prefix", transport, lambda: next(iter(container.list_blobs(
            name_starts_with="predictions/product=dayahead/", results_per_page=2).by_page()))))
        vectors.append(capture(f"{label}: list blobs from a marker", transport, lambda: next(iter(container.list_blobs(
            name_starts_with="predictions/", results_per_page=500).by_page(continuation_token="2!96!MDAwMDI0IXByZWRpY3Rpb25z")))))
        vectors.append(capture(f"{label}: create container", transport, lambda: container.create_container()))
    # The SDK sorts x-ms- headers like the service (hyphens weigh less than letters), not by code point.
    names = ["x-ms-meta-a-b", "x-ms-meta-ab", "x-ms-meta-a_b", "x-ms-meta-a", "x-ms-meta-aa", "x-ms-meta-a-a",
             "x-ms-version", "x-ms-date", "x-ms-blob-type", "x-ms-blob-content-type", "x-ms-meta-b1", "x-ms-meta-b-"]
    header_sort = {"input": names, "sorted": [k for k, _ in authentication._storage_header_sort([(n, "") for n in names])]}
    json.dump({"sdk": "azure-storage-blob 12.31.1", "account": ACCOUNT, "account_key": KEY, "vectors": vectors,
               "header_sort": header_sort},
              sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
