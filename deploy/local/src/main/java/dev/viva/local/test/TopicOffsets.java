package dev.viva.local.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a topic holds and what a consumer group has committed of it, for tests that stop and restart a consumer. */
public final class TopicOffsets {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private TopicOffsets() {
    }

    /** How many records the topic holds. */
    public static long records(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            return partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
        }
    }

    /** Records of the topic beyond the group's committed offsets. */
    public static long uncommitted(String bootstrap, String topic, String group) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap);
                Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return partitions.stream().mapToLong(tp -> end.get(tp) - (committed.get(tp) == null ? 0 : committed.get(tp).offset())).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A consumer of its own group that commits nothing. */
    public static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "topic-offsets-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    public static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.partitionsFor(topic, TIMEOUT).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }
}
