# PostgreSQL 15 from Debian, run as the postgres user. Like the official image, POSTGRES_USER,
# POSTGRES_PASSWORD and POSTGRES_DB create the role and database on the first start of an empty volume.
FROM brighthub/base:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
 && mkdir -p /var/lib/postgresql/data && chown -R postgres:postgres /var/lib/postgresql
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
USER postgres
ENV PGDATA=/var/lib/postgresql/data PATH=/usr/lib/postgresql/15/bin:$PATH LANG=C.UTF-8
VOLUME /var/lib/postgresql/data
EXPOSE 5432
HEALTHCHECK --interval=3s --timeout=3s --start-period=30s --retries=5 \
  CMD pg_isready -q -h 127.0.0.1 -p 5432 || exit 1
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]
