/*
 * explain-cat-brokers.c: search engines and message brokers under load:
 * Elasticsearch and OpenSearch, ZooKeeper, Kafka, RabbitMQ, and Erlang
 * servers on ranch; MongoDB's and Kafka's memory maps. Each entry names the source of the message
 * it matches.
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

const struct explain_entry explain_cat_brokers[] = {
    {
	/* elastic/elasticsearch server/src/main/java/org/elasticsearch/bootstrap/
	 * BootstrapChecks.java: "max file descriptors [%d] for elasticsearch
	 * process is too low, increase to at least [%d]" */
	.id = "es.nofile",
	.patterns = {"max file descriptors [#] for * is too low"},
	.runtimes = "Elasticsearch, OpenSearch (bootstrap checks)",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "the JVM's open-file limit is below what the bootstrap check needs",
	.why = "The JVM raises its soft limit to the hard limit at start-up, so the "
	       "number reported is the hard RLIMIT_NOFILE it inherited; the node refuses "
	       "to start in production mode below 65535.",
	.confirm = "grep 'open files' /proc/PID/limits; systemctl show -p LimitNOFILE "
		   "elasticsearch",
	.fix = "LimitNOFILE=65535 (or more) in the unit (systemctl edit elasticsearch), "
	       "docker --ulimit nofile=65535:65535, or a limits.conf nofile line",
    },
    {
	/* elastic/elasticsearch BootstrapChecks.java: "max virtual memory areas
	 * vm.max_map_count [%d] is too low, increase to at least [%d]" */
	.id = "es.max-map-count",
	.patterns = {"max virtual memory areas vm.max_map_count [#] is too low"},
	.runtimes = "Elasticsearch, OpenSearch (bootstrap checks)",
	.cause = LAYER_ID_MAX_MAP_COUNT,
	.title = "vm.max_map_count is below what the bootstrap check needs",
	.why = "Each memory-mapped index file and each thread stack is a mapping; "
	       "vm.max_map_count caps mappings per process and mmap fails beyond it.",
	.confirm = "sysctl vm.max_map_count; wc -l /proc/PID/maps",
	.fix = "sysctl -w vm.max_map_count=262144 on the host, persisted in "
	       "/etc/sysctl.d/",
    },
    {
	/* apache/kafka core/src/main/scala/kafka/network/SocketServer.scala
	 * Acceptor.accept(): error("Error while accepting connection", e) on an
	 * IOException, "java.io.IOException: Too many open files" on the next
	 * line of the log */
	.id = "kafka.accept-error",
	.patterns = {"Error while accepting connection (kafka.network.Acceptor)",
		     "Error while accepting connection*Too many open files"},
	.runtimes = "Kafka brokers",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "a Kafka broker could not accept a connection: out of file descriptors",
	.why = "accept() failed with an IOException, which on a busy broker is "
	       "\"Too many open files\": every connection and every log segment file "
	       "takes a descriptor, and the JVM has raised its soft limit to the hard "
	       "limit it started with.",
	.confirm = "the exception on the next line; grep 'open files' /proc/$(pgrep -f "
		   "kafka.Kafka)/limits; ls /proc/$(pgrep -f kafka.Kafka)/fd | wc -l",
	.fix = "LimitNOFILE=100000 (or more) in the broker's unit, or docker --ulimit "
	       "nofile=N:N",
    },
    {
	/* mongodb/mongo src/mongo/db/startup_warnings_mongod.cpp: LOGV2_WARNING_
	 * OPTIONS(5123300, ..., "vm.max_map_count is too low", "currentValue",
	 * "recommendedMinimum", "maxConns") */
	.id = "mongo.max-map-count",
	.patterns = {"vm.max_map_count is too low", "\"id\":5123300,"},
	.runtimes = "MongoDB (start-up warning, 5.0+), other servers' own checks",
	.cause = LAYER_ID_MAX_MAP_COUNT,
	.title = "vm.max_map_count is below what the server needs for its connections",
	.why = "mongod maps memory for each connection's thread stack and for "
	       "WiredTiger; it warns when vm.max_map_count is below twice the "
	       "connections it may hold (maxConns), and mmap fails beyond the cap.",
	.confirm = "sysctl vm.max_map_count; wc -l /proc/$(pidof -s mongod)/maps",
	.fix = "sysctl -w vm.max_map_count=N (the recommendedMinimum) on the host, "
	       "persisted in /etc/sysctl.d/",
    },
    {
	/* openjdk/jdk src/java.base/share/classes/sun/nio/ch/FileChannelImpl.java
	 * map(): new IOException("Map failed", oome) after a first
	 * OutOfMemoryError("Map failed"); Kafka maps every segment's indexes */
	.id = "kafka.map-failed",
	.patterns = {"IOException: Map failed", "OutOfMemoryError: Map failed"},
	.runtimes = "Kafka brokers, Cassandra, any JVM using FileChannel.map",
	.cause = LAYER_ID_MAX_MAP_COUNT,
	.title = "the JVM could not map a file: out of memory mappings",
	.why = "mmap failed with ENOMEM. On a 64-bit JVM that is vm.max_map_count "
	       "(Kafka maps two index files per log segment, so many partitions use "
	       "them up) or an address-space limit (ulimit -v), not the heap.",
	.confirm = "sysctl vm.max_map_count; wc -l /proc/PID/maps; grep 'address space' "
		   "/proc/PID/limits",
	.fix = "sysctl -w vm.max_map_count=262144 (or more) on the host; LimitAS=infinity",
	.candidates = {{LAYER_ID_MAX_MAP_COUNT,
			"/proc/PID/maps has as many lines as "
			"vm.max_map_count",
			"wc -l /proc/PID/maps; sysctl vm.max_map_count"},
		       {"app.rlimit-as", "ulimit -v is set for the process",
			"grep 'address space' /proc/PID/limits"}},
    },
    {
	/* elastic/elasticsearch BootstrapChecks.java: "max number of threads [%d]
	 * for user [%s] is too low, increase to at least [%d]" */
	.id = "es.nproc",
	.patterns = {"max number of threads [#] for user [@] is too low"},
	.runtimes = "Elasticsearch, OpenSearch (bootstrap checks)",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_THREADS_MAX " " LAYER_ID_CGROUP_PIDS,
	.title = "the user's thread limit (RLIMIT_NPROC) is too low",
	.why = "RLIMIT_NPROC counts the threads of every process of the user, not "
	       "processes only; the node needs thousands of threads for its pools.",
	.confirm = "ulimit -u as that user; grep processes /proc/PID/limits",
	.fix = "LimitNPROC=4096 (or more) in the unit, or a limits.conf nproc line for "
	       "the user",
    },
    {
	/* elastic/elasticsearch BootstrapChecks.java: "max size virtual memory
	 * [%d] for user [%s] is too low, increase to [unlimited]" */
	.id = "es.virtual-memory",
	.patterns = {"max size virtual memory [#] for user [@] is too low"},
	.runtimes = "Elasticsearch, OpenSearch (bootstrap checks)",
	.cause = "app.rlimit-as",
	.title = "the JVM's address space is capped (RLIMIT_AS)",
	.why = "Elasticsearch maps its index files into memory and needs an unlimited "
	       "address space; ulimit -v caps it. headroom does not model RLIMIT_AS "
	       "as a layer.",
	.confirm = "grep 'address space' /proc/PID/limits",
	.fix = "LimitAS=infinity in the unit, or a limits.conf as unlimited line",
    },
    {
	/* elastic/elasticsearch BootstrapChecks.java MlockallCheck: "memory
	 * locking requested for elasticsearch process but memory is not locked";
	 * bootstrap/JNANatives.java: "Unable to lock JVM Memory: error={},
	 * reason={}", "Increase RLIMIT_MEMLOCK, soft limit: {}, hard limit: {}" */
	.id = "es.memlock",
	.patterns = {"memory locking requested for * process but memory is not locked",
		     "Unable to lock JVM Memory", "Increase RLIMIT_MEMLOCK"},
	.runtimes = "Elasticsearch, OpenSearch (bootstrap checks)",
	.cause = "app.memlock",
	.title = "bootstrap.memory_lock is set but RLIMIT_MEMLOCK does not allow it",
	.why = "mlockall needs an unlimited RLIMIT_MEMLOCK (LimitMEMLOCK=infinity, "
	       "docker --ulimit memlock=-1:-1).",
	.confirm = "grep 'locked memory' /proc/PID/limits",
	.fix = "LimitMEMLOCK=infinity in the unit, or bootstrap.memory_lock: false",
    },
    {
	/* elastic/elasticsearch EsRejectedExecutionException: "rejected execution
	 * of %s on %s" with EsThreadPoolExecutor[name = ..., queue capacity = ...] */
	.id = "es.rejected-execution",
	.patterns = {"rejected execution of * on EsThreadPoolExecutor",
		     "es_rejected_execution_exception"},
	.runtimes = "Elasticsearch, OpenSearch",
	.cause = "app.elasticsearch.thread_pool",
	.title = "an Elasticsearch thread pool's queue is full: requests are rejected",
	.why = "Each pool (search, write) has a fixed number of threads and a bounded "
	       "queue; a load beyond what the node serves fills the queue and further "
	       "requests are rejected (429). It is throughput, not a connection limit.",
	.confirm = "GET _cat/thread_pool?v&h=node_name,name,active,queue,rejected",
	.fix = "more nodes or shards served in parallel, bulk requests, client-side "
	       "back-off; raising the queue only delays the rejections",
    },
    {
	/* apache/zookeeper NIOServerCnxnFactory.java: "Too many connections from "
	 * + ia + " - max is " + maxClientCnxns; ServerCnxnFactory.java "Too many
	 * connections " + cnxns + " - max is " + maxCnxns */
	.id = "zookeeper.max-cnxns",
	.patterns = {"Too many connections from @ - max is #", "Too many connections # - max is #"},
	.runtimes = "ZooKeeper (also under Kafka, HBase, Solr)",
	.cause = "app.zookeeper.max_client_cnxns",
	.title = "ZooKeeper refused a client: maxClientCnxns from one address reached",
	.why = "maxClientCnxns (60 by default) caps connections from one client address; "
	       "maxCnxns caps them all. Many clients behind one address (a load "
	       "generator, NAT) reach it first.",
	.confirm = "echo cons | nc ZK 2181 | wc -l; grep -E 'maxClientCnxns|maxCnxns' zoo.cfg",
	.fix = "raise maxClientCnxns (0 is unlimited) in zoo.cfg and restart, or share "
	       "client sessions",
    },
    {
	/* apache/kafka server TooManyConnectionsException: "Too many connections
	 * from " + ip + " (maximum = " + count + ")"; core SocketServer.scala
	 * "Rejected connection from %s, address already has the configured
	 * maximum of %d connections." */
	.id = "kafka.max-connections-per-ip",
	.patterns = {"Too many connections from @ (maximum = #)",
		     "address already has the configured maximum of # connections"},
	.runtimes = "Kafka broker",
	.cause = "app.kafka.max_connections_per_ip",
	.title = "the Kafka broker refused a client: max.connections.per.ip reached",
	.why = "max.connections.per.ip (and max.connections) cap connections per client "
	       "address and per broker; producers and consumers that each open "
	       "connections from one host reach it.",
	.confirm = "kafka-configs --describe --entity-type brokers --all | grep "
		   "max.connections",
	.fix = "raise max.connections.per.ip (or an override for the load generator), "
	       "or fewer client instances per host",
    },
    {
	/* rabbitmq/rabbitmq-server deps/rabbit/src/rabbit_reader.erl: "connection
	 * refused: node connection limit (~tp) is reached", "user connection
	 * limit (~tp) is reached", vhost "connection limit (~tp) is reached" */
	.id = "rabbitmq.connection-limit",
	.patterns = {"node connection limit (#) is reached", "connection limit (#) is reached"},
	.runtimes = "RabbitMQ",
	.cause = "app.rabbitmq.connection_max",
	.title = "RabbitMQ refused a connection: a connection limit is reached",
	.why = "connection_max (node), a vhost's max-connections or a user's limit "
	       "caps AMQP connections; it is configuration, not a kernel limit (the "
	       "fd limit shows as a file descriptor alarm instead).",
	.confirm = "rabbitmqctl status | grep -A3 file_descriptors; rabbitmqctl "
		   "list_vhost_limits",
	.fix = "raise connection_max or the vhost/user limit, or share connections "
	       "(channels)",
    },
    {
	/* rabbitmq/rabbitmq-server deps/rabbit/src/rabbit_alarm.erl: "~ts resource
	 * limit alarm set on node ~tp." (memory, disk) */
	.id = "rabbitmq.memory-alarm",
	.patterns = {"memory resource limit alarm set on node"},
	.runtimes = "RabbitMQ",
	.cause = "app.rabbitmq.vm_memory_high_watermark",
	.title = "RabbitMQ blocked publishers: its memory high watermark is reached",
	.why = "Above vm_memory_high_watermark RabbitMQ stops reading from publishing "
	       "connections until memory is freed; publishers stall and time out.",
	.confirm = "rabbitmq-diagnostics memory_breakdown; rabbitmqctl status | grep -i "
		   "alarm",
	.fix = "consume faster, smaller queues (lazy queues), more memory or a higher "
	       "watermark",
    },
    {
	/* rabbitmq/rabbitmq-server (3.x) file_handle_cache.erl: "Limiting to
	 * approx ~p file handles (~p sockets)" at start-up */
	.id = "rabbitmq.fd-limit",
	.patterns = {"Limiting to approx # file handles (# sockets)"},
	.runtimes = "RabbitMQ (start-up, 3.x)",
	.cause = LAYER_ID_NOFILE_HARD,
	.title = "RabbitMQ will accept at most that many sockets: its fd limit",
	.why = "RabbitMQ sizes its socket budget from the open-file limit it started "
	       "under (about 90% of it); 1024 here means about 900 connections before "
	       "the file descriptor alarm.",
	.confirm = "rabbitmq-diagnostics status | grep -A4 file_descriptors",
	.fix = "LimitNOFILE= of rabbitmq-server.service (65536 or more); restart",
    },
    {
	/* ninenines/ranch src/ranch_acceptor.erl: "Ranch acceptor reducing accept
	 * rate: out of file descriptors~n"; Erlang {error, emfile} */
	.id = "erlang.emfile",
	.patterns = {"Ranch acceptor reducing accept rate: out of file descriptors",
		     "{error,emfile}", "{error, emfile}"},
	.runtimes = "Erlang/OTP and Elixir servers on ranch: Cowboy, Phoenix, RabbitMQ, "
		    "EMQX, CouchDB",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "an Erlang server is out of file descriptors",
	.why = "accept returned emfile: the BEAM runs with the soft RLIMIT_NOFILE it "
	       "inherited (ERL_MAX_PORTS caps ports too), and ranch slows its acceptors "
	       "down rather than failing.",
	.confirm = "grep 'open files' /proc/$(pidof -s beam.smp)/limits; "
		   "erlang:system_info(port_limit)",
	.fix = "LimitNOFILE= of the unit (and ERL_MAX_PORTS or +Q at least as high); "
	       "restart",
    },
};
const size_t explain_cat_brokers_len = nitems(explain_cat_brokers);
