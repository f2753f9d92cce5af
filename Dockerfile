# dartcast image: build with the Swift toolchain, run on a slim Debian with only what the binary loads.
# Build: docker build -t dartcast:dev .   Run: docker run -p 8080:8080 dartcast:dev   (docs/deploy.md)

# ---- build ----
FROM swift:6.3.1-bookworm AS build
WORKDIR /opt/dartcast
# scripts/setup needs pip for the pinned wheels whose shared libraries we link (LightGBM, XGBoost, Arrow).
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip \
 && rm -rf /var/lib/apt/lists/*
COPY scripts/setup scripts/setup
# Apt packages and wheels in their own layer: rebuilt only when the pins change.
RUN scripts/setup && rm -rf /var/lib/apt/lists/*
COPY Package.swift ./
COPY Sources Sources
# SwiftPM checks every declared target's folder, test targets included, even for `--product dartcast`.
COPY Tests Tests
# The binary's rpath points at /opt/dartcast/.deps/py/…; the runtime stage copies the libraries there.
RUN swift build -c release --product dartcast \
 && install -D "$(swift build -c release --show-bin-path)/dartcast" /out/dartcast

# ---- runtime ----
FROM debian:bookworm-slim AS runtime
# Exactly the Debian libraries `ldd dartcast` resolves (Tests/DeployTests checks this list), plus curl for the
# health check and CA certificates and tzdata for HTTPS and America/Chicago.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libc6 libgcc-s1 libstdc++6 libgomp1 zlib1g libsqlite3-0 libopenblas0-pthread libgfortran5 \
      libcurl4 libxml2 ca-certificates tzdata curl \
 && rm -rf /var/lib/apt/lists/*
# Swift runtime (Foundation, Concurrency, Dispatch) at the path the binary's rpath names.
COPY --from=build /usr/lib/swift/linux/*.so /usr/lib/swift/linux/
# The wheels' shared libraries at the same paths as in the build stage, so the rpath resolves unchanged.
# xgboost finds its bundled libgomp relative to itself, so xgboost/lib and xgboost_cpu.libs keep their layout.
COPY --from=build /opt/dartcast/.deps/py/lightgbm/lib /opt/dartcast/.deps/py/lightgbm/lib
COPY --from=build /opt/dartcast/.deps/py/xgboost/lib /opt/dartcast/.deps/py/xgboost/lib
COPY --from=build /opt/dartcast/.deps/py/xgboost_cpu.libs /opt/dartcast/.deps/py/xgboost_cpu.libs
COPY --from=build /opt/dartcast/.deps/py/pyarrow/*.so.* /opt/dartcast/.deps/py/pyarrow/
COPY --from=build /out/dartcast /usr/local/bin/dartcast
COPY config /opt/dartcast/config

RUN groupadd --system --gid 10001 dartcast \
 && useradd --system --uid 10001 --gid dartcast --home-dir /var/lib/dartcast --create-home --shell /usr/sbin/nologin dartcast
ENV DARTCAST_DATA_DIR=/var/lib/dartcast/data \
    OMP_WAIT_POLICY=passive \
    TZ=UTC
WORKDIR /opt/dartcast
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["sh", "-c", "curl -fsS http://127.0.0.1:8080/healthz || exit 1"]
ENTRYPOINT ["/usr/local/bin/dartcast"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
