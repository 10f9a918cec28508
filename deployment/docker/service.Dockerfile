# One image per service, built from the jar Maven leaves in <module>/target:
#
#   ./mvnw -B -DskipTests package
#   docker build -f deployment/docker/service.Dockerfile --build-arg MODULE=ml-service -t ml-service .
#
# The build context is the repository root; service.Dockerfile.dockerignore keeps it to the jars.
FROM eclipse-temurin:17-jre

ARG MODULE
ARG VERSION=0.1.0-SNAPSHOT

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY ${MODULE}/target/${MODULE}-${VERSION}.jar /app/app.jar
USER app

# Container-aware heap; override with JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
