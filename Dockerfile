# KooGate production-interface server. Build: docker build -t koogate .
# Run:   docker run -p 8080:8080 -v koogate-data:/data --env-file koogate.env koogate
# KooGallery calls HTTPS only: put a TLS-terminating reverse proxy in front, or give Kestrel a certificate
# (docs/deploying.md).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/KooGate.Protocol/KooGate.Protocol.csproj src/KooGate.Protocol/
COPY src/KooGate.Client/KooGate.Client.csproj src/KooGate.Client/
COPY src/KooGate.Server/KooGate.Server.csproj src/KooGate.Server/
RUN dotnet restore src/KooGate.Server/KooGate.Server.csproj
COPY src/KooGate.Protocol/ src/KooGate.Protocol/
COPY src/KooGate.Client/ src/KooGate.Client/
COPY src/KooGate.Server/ src/KooGate.Server/
RUN dotnet publish src/KooGate.Server/KooGate.Server.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# SQLite database, development secrets and data-protection keys live here (use PostgreSQL to run several replicas).
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    KooGate__DataDirectory=/data
EXPOSE 8080
# Liveness without curl (not in the runtime image): bash's /dev/tcp asks /healthz for its status line.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
USER $APP_UID
ENTRYPOINT ["dotnet", "KooGate.Server.dll"]
