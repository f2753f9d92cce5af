/// The OpenAPI 3.0 description of every route `APIServer` serves (`GET /openapi.json`).
/// Written by hand; a test checks it against the router in both directions and validates it
/// with openapi-spec-validator.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "dartcast API",
        "version": "1.0.0",
        "description": "Schedules, runs, published ERCOT DART forecasts, models and metrics of `dartcast serve`. Reads are open; POSTs need `Authorization: Bearer <token>` (the token from server.api_token_env, default DARTCAST_API_TOKEN)."
      },
      "servers": [{"url": "http://127.0.0.1:8080"}],
      "paths": {
        "/": {
          "get": {"summary": "Dashboard (HTML)", "operationId": "dashboard",
                  "responses": {"200": {"description": "HTML page", "content": {"text/html": {"schema": {"type": "string"}}}}}}
        },
        "/healthz": {
          "get": {"summary": "The process is up", "operationId": "healthz",
                  "responses": {"200": {"description": "Up", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}}
        },
        "/readyz": {
          "get": {"summary": "Run store readable, scheduler started, not draining", "operationId": "readyz",
                  "responses": {
                    "200": {"description": "Ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                    "503": {"description": "Not ready (starting or draining)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}}
        },
        "/metrics": {
          "get": {"summary": "Prometheus text format 0.0.4", "operationId": "metrics",
                  "description": "Families: dartcast_up, dartcast_scheduler_started, dartcast_runs{job,status}, dartcast_last_success_age_seconds{job}, dartcast_last_success_prediction_rows{job,product}, dartcast_step_duration_seconds{step,quantile} (summary), dartcast_delivery_backlog{target}, dartcast_model_validation_mae{family,product,version}, plus those of registered contributors.",
                  "responses": {"200": {"description": "Metrics", "content": {"text/plain": {"schema": {"type": "string"}}}}}}
        },
        "/openapi.json": {
          "get": {"summary": "This document", "operationId": "openapi",
                  "responses": {"200": {"description": "OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}}}
        },
        "/api/schedules": {
          "get": {"summary": "Jobs with expression, time zone, switches, next slots (local and UTC) and last slot", "operationId": "listSchedules",
                  "responses": {"200": {"description": "Schedules", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScheduleList"}}}}}}
        },
        "/api/schedules/{job}/enable": {
          "post": {"summary": "Turn a job's operator switch on (missed slots are not caught up)", "operationId": "enableSchedule",
                   "security": [{"bearerAuth": []}],
                   "parameters": [{"$ref": "#/components/parameters/Job"}],
                   "responses": {
                     "200": {"description": "Switched", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScheduleSwitch"}}}},
                     "401": {"$ref": "#/components/responses/Unauthorized"},
                     "403": {"$ref": "#/components/responses/Forbidden"},
                     "404": {"$ref": "#/components/responses/NotFound"}}}
        },
        "/api/schedules/{job}/disable": {
          "post": {"summary": "Turn a job's operator switch off", "operationId": "disableSchedule",
                   "security": [{"bearerAuth": []}],
                   "parameters": [{"$ref": "#/components/parameters/Job"}],
                   "responses": {
                     "200": {"description": "Switched", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScheduleSwitch"}}}},
                     "401": {"$ref": "#/components/responses/Unauthorized"},
                     "403": {"$ref": "#/components/responses/Forbidden"},
                     "404": {"$ref": "#/components/responses/NotFound"}}}
        },
        "/api/jobs/{job}/trigger": {
          "post": {"summary": "Run a job now through the scheduler's manual path (overlap rules and records apply)", "operationId": "triggerJob",
                   "security": [{"bearerAuth": []}],
                   "parameters": [
                     {"$ref": "#/components/parameters/Job"},
                     {"name": "retrain", "in": "query", "required": false, "description": "Override the job's retrain setting", "schema": {"type": "boolean"}}],
                   "responses": {
                     "202": {"description": "Accepted; the run appears in /api/runs?job=", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Trigger"}}}},
                     "400": {"$ref": "#/components/responses/BadRequest"},
                     "401": {"$ref": "#/components/responses/Unauthorized"},
                     "403": {"$ref": "#/components/responses/Forbidden"},
                     "404": {"$ref": "#/components/responses/NotFound"},
                     "409": {"description": "The job is running and its overlap policy is skip", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                     "503": {"description": "The server is draining", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}
        },
        "/api/runs": {
          "get": {"summary": "Run records, newest first, paginated", "operationId": "listRuns",
                  "parameters": [
                    {"name": "job", "in": "query", "required": false, "schema": {"type": "string"}},
                    {"name": "status", "in": "query", "required": false, "schema": {"type": "string", "enum": ["running", "succeeded", "failed", "interrupted", "skipped"]}},
                    {"name": "limit", "in": "query", "required": false, "description": "1-500, default 50; outside is a 400", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
                    {"name": "offset", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 0, "default": 0}}],
                  "responses": {
                    "200": {"description": "One page", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunList"}}}},
                    "400": {"$ref": "#/components/responses/BadRequest"}}}
        },
        "/api/runs/{id}": {
          "get": {"summary": "One run record with its steps", "operationId": "getRun",
                  "parameters": [{"$ref": "#/components/parameters/RunID"}],
                  "responses": {
                    "200": {"description": "The run", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunRecord"}}}},
                    "404": {"$ref": "#/components/responses/NotFound"}}}
        },
        "/api/runs/{id}/logs": {
          "get": {"summary": "The run's log (JSON lines)", "operationId": "getRunLogs",
                  "parameters": [{"$ref": "#/components/parameters/RunID"}],
                  "responses": {
                    "200": {"description": "Log text", "content": {"text/plain": {"schema": {"type": "string"}}}},
                    "404": {"$ref": "#/components/responses/NotFound"}}}
        },
        "/api/runs/{id}/files": {
          "get": {"summary": "Files `runs download` saves: run.json, run.log, the outbox copy and the run's partition files", "operationId": "listRunFiles",
                  "parameters": [{"$ref": "#/components/parameters/RunID"}],
                  "responses": {
                    "200": {"description": "File list", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunFiles"}}}},
                    "404": {"$ref": "#/components/responses/NotFound"}}}
        },
        "/api/runs/{id}/files/{name}": {
          "get": {"summary": "One file of the run", "operationId": "getRunFile",
                  "parameters": [{"$ref": "#/components/parameters/RunID"},
                                 {"name": "name", "in": "path", "required": true, "description": "A name from the file list", "schema": {"type": "string"}}],
                  "responses": {
                    "200": {"description": "File content", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                    "404": {"$ref": "#/components/responses/NotFound"}}}
        },
        "/api/predictions": {
          "get": {"summary": "Published forecasts by delivery hour: for each point, hour and model, the latest issue", "operationId": "listPredictions",
                  "parameters": [
                    {"name": "product", "in": "query", "required": true, "schema": {"type": "string", "enum": ["dayahead", "hourly"]}},
                    {"name": "from", "in": "query", "required": true, "description": "First delivery hour: ISO 8601 UTC or an operating day (YYYY-MM-DD, market time)", "schema": {"type": "string"}},
                    {"name": "to", "in": "query", "required": false, "description": "End (exclusive); default from + 24 h; at most 31 days after from", "schema": {"type": "string"}},
                    {"name": "point", "in": "query", "required": false, "description": "Settlement point, e.g. HB_NORTH", "schema": {"type": "string"}},
                    {"name": "model", "in": "query", "required": false, "schema": {"type": "string", "enum": ["lightgbm", "xgboost", "mlp", "ensemble", "zero", "trailing_median", "naive_d1", "naive_d7", "naive_epf"]}},
                    {"name": "limit", "in": "query", "required": false, "description": "1-50000, default 5000", "schema": {"type": "integer", "minimum": 1, "maximum": 50000, "default": 5000}}],
                  "responses": {
                    "200": {"description": "Rows", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PredictionList"}}}},
                    "400": {"$ref": "#/components/responses/BadRequest"}}}
        },
        "/api/models": {
          "get": {"summary": "Registered model versions with aliases and validation MAE", "operationId": "listModels",
                  "parameters": [{"name": "product", "in": "query", "required": false, "schema": {"type": "string"}}],
                  "responses": {"200": {"description": "Models", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ModelList"}}}}}}
        }
      },
      "components": {
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        "parameters": {
          "Job": {"name": "job", "in": "path", "required": true, "description": "A job of scheduling.jobs", "schema": {"type": "string"}},
          "RunID": {"name": "id", "in": "path", "required": true, "description": "Run id, e.g. hourly_predict-20250301T1105Z-1", "schema": {"type": "string"}}
        },
        "responses": {
          "BadRequest": {"description": "A parameter is invalid; error.parameter names it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Unauthorized": {"description": "Missing or wrong bearer token", "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Forbidden": {"description": "No API token is configured on the server", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "NotFound": {"description": "Unknown job or run", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string"}, "message": {"type": "string"}, "parameter": {"type": "string", "nullable": true}}}}},
          "Health": {"type": "object", "required": ["status", "checks"], "properties": {"status": {"type": "string"}, "checks": {"type": "object", "additionalProperties": {"type": "string"}}}},
          "Slot": {"type": "object", "required": ["utc", "local", "utcOffset"], "properties": {
            "utc": {"type": "string", "example": "2025-11-02T06:05:00Z"}, "local": {"type": "string", "example": "2025-11-02 01:05 CDT"}, "utcOffset": {"type": "string", "example": "-05:00"}}},
          "Schedule": {"type": "object", "properties": {
            "job": {"type": "string"}, "enabled": {"type": "boolean"}, "configuredEnabled": {"type": "boolean"}, "operatorEnabled": {"type": "boolean"},
            "expression": {"type": "string"}, "timezone": {"type": "string"}, "product": {"type": "string"}, "retrain": {"type": "boolean"},
            "overlap": {"type": "string"}, "catchUp": {"type": "string"}, "running": {"type": "boolean"},
            "nextSlots": {"type": "array", "items": {"$ref": "#/components/schemas/Slot"}},
            "lastSlot": {"allOf": [{"$ref": "#/components/schemas/Slot"}], "nullable": true}}},
          "ScheduleList": {"type": "object", "properties": {"timezone": {"type": "string"}, "schedules": {"type": "array", "items": {"$ref": "#/components/schemas/Schedule"}}}},
          "ScheduleSwitch": {"type": "object", "properties": {"job": {"type": "string"}, "operatorEnabled": {"type": "boolean"}, "configuredEnabled": {"type": "boolean"}}},
          "Trigger": {"type": "object", "properties": {"job": {"type": "string"}, "retrain": {"type": "boolean"}, "status": {"type": "string"}, "acceptedAt": {"type": "string"}, "runsLink": {"type": "string"}}},
          "Step": {"type": "object", "properties": {
            "name": {"type": "string"}, "status": {"type": "string"}, "startedAtUTC": {"type": "integer"}, "finishedAtUTC": {"type": "integer"},
            "durationSeconds": {"type": "number"}, "error": {"type": "string"}, "detail": {"type": "object", "additionalProperties": {"type": "string"}}}},
          "RunRecord": {"type": "object", "properties": {
            "runID": {"type": "string"}, "job": {"type": "string"}, "slotUTC": {"type": "integer"}, "attempt": {"type": "integer"},
            "product": {"type": "string"}, "params": {"type": "object", "additionalProperties": {"type": "string"}},
            "status": {"type": "string", "enum": ["running", "succeeded", "failed", "interrupted", "skipped"]},
            "startedAtUTC": {"type": "integer"}, "finishedAtUTC": {"type": "integer"},
            "steps": {"type": "array", "items": {"$ref": "#/components/schemas/Step"}},
            "modelVersions": {"type": "object", "additionalProperties": {"type": "string"}},
            "rowCounts": {"type": "object", "additionalProperties": {"type": "integer"}},
            "logPath": {"type": "string"}, "error": {"type": "string"}}},
          "RunList": {"type": "object", "required": ["runs", "limit", "offset", "total"], "properties": {
            "runs": {"type": "array", "items": {"$ref": "#/components/schemas/RunRecord"}},
            "limit": {"type": "integer"}, "offset": {"type": "integer"}, "total": {"type": "integer"},
            "nextOffset": {"type": "integer", "nullable": true}, "next": {"type": "string", "nullable": true}}},
          "PredictionRow": {"type": "object", "properties": {
            "issueTime": {"type": "string"}, "targetHour": {"type": "string"}, "operatingDay": {"type": "string"}, "hourEnding": {"type": "integer"},
            "dstFlag": {"type": "string"}, "settlementPoint": {"type": "string"}, "modelFamily": {"type": "string"}, "modelVersion": {"type": "string"},
            "prediction": {"type": "number"}, "p10": {"type": "number", "nullable": true}, "p50": {"type": "number", "nullable": true},
            "p90": {"type": "number", "nullable": true}, "runID": {"type": "string"}}},
          "PredictionList": {"type": "object", "properties": {
            "product": {"type": "string"}, "from": {"type": "string"}, "to": {"type": "string"}, "rowCount": {"type": "integer"},
            "truncated": {"type": "boolean"}, "rows": {"type": "array", "items": {"$ref": "#/components/schemas/PredictionRow"}}}},
          "Model": {"type": "object", "properties": {
            "id": {"type": "string"}, "family": {"type": "string"}, "product": {"type": "string"}, "createdAt": {"type": "string"},
            "trainingFrom": {"type": "string"}, "trainingTo": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}},
            "validationMAE": {"type": "number", "nullable": true}, "zeroValidationMAE": {"type": "number", "nullable": true}}},
          "RunFiles": {"type": "object", "properties": {"runID": {"type": "string"}, "files": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "bytes": {"type": "integer"}, "source": {"type": "string"}}}}}},
          "ModelList": {"type": "object", "properties": {"models": {"type": "array", "items": {"$ref": "#/components/schemas/Model"}}}}
        }
      }
    }
    """#
}
