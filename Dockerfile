# One build, one image per service (docker compose picks the stage with `target:`).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre AS runtime
# the local provider draws prompts with Java2D: it needs fontconfig and at least one font; the
# studio worker's bundled FFmpeg (org.bytedeco, linux-x86_64) links libpulse, libva and libva-drm
RUN apt-get update && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
    libpulse0 libva2 libva-drm2 \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 reelsmith && mkdir -p /data/media && chown reelsmith /data/media
USER reelsmith
WORKDIR /app
ENV MEDIA_DIR=/data/media

FROM runtime AS db-migrations
COPY --from=build /src/db-migrations/target/db-migrations.jar /app/db-migrations.jar
ENTRYPOINT ["java", "-jar", "/app/db-migrations.jar"]

FROM runtime AS api-gateway
COPY --from=build /src/api-gateway/target/api-gateway.jar /app/app.jar
# 8080 the API, 8079 management (health details, Prometheus)
EXPOSE 8080 8079
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime AS image-worker
COPY --from=build /src/image-worker/target/image-worker.jar /app/app.jar
EXPOSE 8081
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime AS video-worker
COPY --from=build /src/video-worker/target/video-worker.jar /app/app.jar
EXPOSE 8082
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime AS studio-worker
COPY --from=build /src/studio-worker/target/studio-worker.jar /app/app.jar
EXPOSE 8083
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
