/*
 * Kafka test broker: librdkafka's in-process mock cluster behind a line protocol, so tests get a
 * real Kafka-protocol cluster (produce, fetch, consumer groups, offsets) without a JVM.
 *
 *   broker [-b brokers] [-t topic:partitions]...
 *
 * Prints "BOOTSTRAP host:port,host:port..." once the cluster listens, then answers one line per
 * command read on stdin:
 *   down <id|all>            disconnect broker(s) and refuse new connections
 *   up <id|all>              accept connections again
 *   topic <name> <partitions> create a topic
 *   quit
 * with "OK" or "ERR <reason>". EOF on stdin means quit, so a test process that dies never
 * leaves an orphaned broker behind.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

static int broker_cnt = 3;

/* The mock cluster needs a client handle for its bookkeeping; its own logs are noise here. */
static void quiet_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf) {
        (void)rk;
        (void)level;
        (void)fac;
        (void)buf;
}

static int reply(rd_kafka_resp_err_t err) {
        int rc = err ? printf("ERR %s\n", rd_kafka_err2str(err)) : printf("OK\n");
        /* A parent that stopped reading is gone: stop instead of spinning on a dead pipe. */
        if (rc < 0 || fflush(stdout) != 0)
                return -1;
        return 0;
}

static int replication_for(void) {
        return broker_cnt < 3 ? broker_cnt : 3;
}

static rd_kafka_resp_err_t create_topic(rd_kafka_mock_cluster_t *mc, const char *name, int partitions) {
        if (!*name || partitions < 1)
                return RD_KAFKA_RESP_ERR__INVALID_ARG;
        return rd_kafka_mock_topic_create(mc, name, partitions, replication_for());
}

/* Applies set_down / set_up to one broker id or, for "all", to every broker. */
static rd_kafka_resp_err_t each_broker(rd_kafka_mock_cluster_t *mc, const char *arg,
                                       rd_kafka_resp_err_t (*fn)(rd_kafka_mock_cluster_t *, int32_t)) {
        if (!strcmp(arg, "all")) {
                for (int id = 1; id <= broker_cnt; id++) {
                        rd_kafka_resp_err_t err = fn(mc, id);
                        if (err)
                                return err;
                }
                return RD_KAFKA_RESP_ERR_NO_ERROR;
        }
        char *end;
        long id = strtol(arg, &end, 10);
        if (*arg == '\0' || *end != '\0' || id < 1 || id > broker_cnt)
                return RD_KAFKA_RESP_ERR__UNKNOWN_BROKER;
        return fn(mc, (int32_t)id);
}

int main(int argc, char **argv) {
        char errstr[512];
        const char *topics[256];
        int topic_cnt = 0;

        signal(SIGPIPE, SIG_IGN);
        for (int i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "-b") && i + 1 < argc) {
                        broker_cnt = atoi(argv[++i]);
                } else if (!strcmp(argv[i], "-t") && i + 1 < argc && topic_cnt < 256) {
                        topics[topic_cnt++] = argv[++i];
                } else {
                        fprintf(stderr, "usage: %s [-b brokers] [-t topic:partitions]...\n", argv[0]);
                        return 2;
                }
        }
        if (broker_cnt < 1) {
                fprintf(stderr, "broker count must be at least 1\n");
                return 2;
        }

        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_conf_set_log_cb(conf, quiet_log);
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                fprintf(stderr, "rd_kafka_new failed: %s\n", errstr);
                return 1;
        }
        rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, broker_cnt);
        if (!mc) {
                fprintf(stderr, "rd_kafka_mock_cluster_new failed\n");
                rd_kafka_destroy(rk);
                return 1;
        }

        for (int i = 0; i < topic_cnt; i++) {
                char name[256];
                int partitions = 1;
                const char *colon = strrchr(topics[i], ':');
                size_t len = colon ? (size_t)(colon - topics[i]) : strlen(topics[i]);
                if (len >= sizeof(name))
                        len = sizeof(name) - 1;
                memcpy(name, topics[i], len);
                name[len] = '\0';
                if (colon)
                        partitions = atoi(colon + 1);
                rd_kafka_resp_err_t err = create_topic(mc, name, partitions);
                if (err) {
                        fprintf(stderr, "cannot create topic %s: %s\n", topics[i], rd_kafka_err2str(err));
                        rd_kafka_mock_cluster_destroy(mc);
                        rd_kafka_destroy(rk);
                        return 1;
                }
        }

        printf("BOOTSTRAP %s\n", rd_kafka_mock_cluster_bootstraps(mc));
        fflush(stdout);

        char line[1024];
        while (fgets(line, sizeof(line), stdin)) {
                char cmd[32] = "", arg1[256] = "", arg2[32] = "";
                int n = sscanf(line, "%31s %255s %31s", cmd, arg1, arg2);
                if (n < 1)
                        continue;
                int rc;
                if (!strcmp(cmd, "quit")) {
                        reply(RD_KAFKA_RESP_ERR_NO_ERROR);
                        break;
                } else if (!strcmp(cmd, "down") && n == 2) {
                        rc = reply(each_broker(mc, arg1, rd_kafka_mock_broker_set_down));
                } else if (!strcmp(cmd, "up") && n == 2) {
                        rc = reply(each_broker(mc, arg1, rd_kafka_mock_broker_set_up));
                } else if (!strcmp(cmd, "topic") && n == 3) {
                        rc = reply(create_topic(mc, arg1, atoi(arg2)));
                } else {
                        rc = reply(RD_KAFKA_RESP_ERR__INVALID_ARG);
                }
                if (rc)
                        break;
        }

        rd_kafka_mock_cluster_destroy(mc);
        rd_kafka_destroy(rk);
        return 0;
}
