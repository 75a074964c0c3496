import dev.supportdesk.aws.store.DynamoDbKeys;
import dev.supportdesk.azure.store.TableKeys;
import dev.supportdesk.tickets.Attachment;
import dev.supportdesk.tickets.OcrState;
import dev.supportdesk.tickets.OcrStatus;
import dev.supportdesk.tickets.Priority;
import dev.supportdesk.tickets.ShardTiers;
import dev.supportdesk.tickets.Ticket;
import dev.supportdesk.tickets.TicketStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Replays a synthetic write workload through the stores' own key functions ({@link DynamoDbKeys},
 * {@link TableKeys}) and counts, per second, the writes every partition key receives in the DynamoDB table
 * and each of its indexes, and in the Azure table (entities/s for Table Storage, RU/s for Cosmos DB for
 * Table), for the layout before sharding and after. Prints the hottest partition of each and its share of
 * the documented per-partition limit (docs/scale.md cites them).
 *
 * <p>The mix, per API write: 10 % ticket creates, 15 % status changes, 45 % responses (a response item plus
 * the ticket's activity update, as TicketService.respond does), 30 % attachment writes (declare, upload,
 * OCR claim, OCR result: one item write each). Items are about 1 KB, an attachment with its OCR text about
 * 4 KB. DynamoDB: a write costs 1 WCU per KB in the table and in every index whose entry it adds, changes
 * or removes (2 when the entry moves partition or sort key: a delete and a put), projection ALL. Azure: a
 * ticket write is its transaction's entities (ticket + 3 index rows, + the old status row's delete), each
 * about 4.95 RU at 1 KB and 6.67 RU at 4 KB (Cosmos DB's published write costs).
 *
 * <p>Usage: java PartitionSimulator [seconds] (default 3)
 */
public final class PartitionSimulator {

    static final double DYNAMODB_WCU_PER_PARTITION = 1_000;
    static final double TABLE_STORAGE_ENTITIES_PER_PARTITION = 2_000;
    static final double TABLE_STORAGE_ACCOUNT_TRANSACTIONS = 20_000;
    static final double COSMOS_RU_PER_PARTITION = 10_000;
    static final double RU_1KB = 4.95;
    static final double RU_4KB = 6.67;
    /**
     * A tenant at or above this rate is in a sharded tier; below it, one partition per list. At 200 ticket
     * writes/s a tenant writes about 600 entities/s to its Azure partition (30 % of Table Storage's 2,000) and
     * about 140 WCU/s to its busiest DynamoDB index partition (14 %).
     */
    static final int SHARDED_TIER_WRITES_PER_SECOND = 200;
    /**
     * From this rate on the big tier (DynamoDB: 4 shards per slot), below it the middle tier (1 shard per slot): at
     * 2,000 ticket writes/s a tenant's 200 creates/s land on one slot.
     */
    static final int BIG_TIER_WRITES_PER_SECOND = 2_000;
    /** The share of ticket creates among the API writes (the mix above). */
    static final double CREATE_SHARE = 0.10;
    /**
     * Open tickets a tenant has when the simulation starts, in seconds of its creates: two minutes, far fewer than
     * a support queue holds (hours to days), so updates of brand-new tickets weigh more than they would.
     */
    static final int BACKLOG_SECONDS = 120;

    /** The hottest partition of one store part over all simulated seconds. */
    static final class Meter {
        final String name;
        final double limit;
        final String unit;
        Map<String, Double> second = new HashMap<>();
        String hottest = "-";
        double peak;
        double peakTotal;
        double total;

        Meter(String name, double limit, String unit) {
            this.name = name;
            this.limit = limit;
            this.unit = unit;
        }

        void add(String partition, double units) {
            second.merge(partition, units, Double::sum);
            total += units;
        }

        void endSecond() {
            second.forEach((partition, units) -> {
                if (units > peak) {
                    peak = units;
                    hottest = partition;
                }
            });
            peakTotal = Math.max(peakTotal, second.values().stream().mapToDouble(Double::doubleValue).sum());
            second = new HashMap<>();
        }
    }

    /** The meters of one layout: DynamoDB's table and indexes, Azure's table on both services. */
    static final class Layout {
        final DynamoDbKeys dynamo;
        final TableKeys tables;
        final Map<String, Meter> meters = new LinkedHashMap<>();
        /** GSI4 per sweep bucket: its hottest shard ({@code peak}) and the bucket's busiest second ({@code peakTotal}). */
        final Map<String, Meter> sweepBuckets = new java.util.TreeMap<>();
        double tableStorageTransactions;
        double peakTableStorageTransactions;

        Layout(DynamoDbKeys dynamo, TableKeys tables) {
            this.dynamo = dynamo;
            this.tables = tables;
            meters.put("table", new Meter("DynamoDB table", DYNAMODB_WCU_PER_PARTITION, "WCU/s"));
            for (String index : DynamoDbKeys.INDEXES) {
                meters.put(index, new Meter("DynamoDB " + index, DYNAMODB_WCU_PER_PARTITION, "WCU/s"));
            }
            meters.put("storage", new Meter("Table Storage", TABLE_STORAGE_ENTITIES_PER_PARTITION, "entities/s"));
            meters.put("cosmos", new Meter("Cosmos DB Table", COSMOS_RU_PER_PARTITION, "RU/s"));
        }

        void endSecond() {
            meters.values().forEach(Meter::endSecond);
            sweepBuckets.values().forEach(Meter::endSecond);
            peakTableStorageTransactions = Math.max(peakTableStorageTransactions, tableStorageTransactions);
            tableStorageTransactions = 0;
        }

        void ticketWrite(Optional<Ticket> before, Ticket after) {
            meters.get("table").add(DynamoDbKeys.partition(after.tenant(), after.id()), 1);
            Map<String, DynamoDbKeys.IndexKey> old = byIndex(before.map(dynamo::indexKeys).orElse(List.of()));
            Map<String, DynamoDbKeys.IndexKey> now = byIndex(dynamo.indexKeys(after));
            for (String index : DynamoDbKeys.INDEXES) {
                indexWrite(index, Optional.ofNullable(old.get(index)), Optional.ofNullable(now.get(index)), 1);
            }
            int entities = 1 + TableKeys.indexRowKeys(after).size()
                    + (before.isPresent() && before.get().status() != after.status() ? 1 : 0);
            String partition = tables.ticketPartition(after.tenant(), after.id());
            meters.get("storage").add(partition, entities);
            meters.get("cosmos").add(partition, entities * RU_1KB);
            tableStorageTransactions++;
        }

        void responseWrite(Ticket ticket) {
            meters.get("table").add(DynamoDbKeys.partition(ticket.tenant(), ticket.id()), 1);
            String partition = TableKeys.itemsPartition(ticket.tenant(), ticket.id());
            meters.get("storage").add(partition, 1);
            meters.get("cosmos").add(partition, RU_1KB);
            tableStorageTransactions++;
        }

        void attachmentWrite(Optional<Attachment> before, Attachment after, int kilobytes) {
            meters.get("table").add(DynamoDbKeys.partition(after.tenant(), after.ticketId()), kilobytes);
            indexWrite("GSI4", before.flatMap(dynamo::indexKey), dynamo.indexKey(after), kilobytes);
            String partition = TableKeys.itemsPartition(after.tenant(), after.ticketId());
            meters.get("storage").add(partition, 1);
            meters.get("cosmos").add(partition, kilobytes > 1 ? RU_4KB : RU_1KB);
            tableStorageTransactions++;
        }

        /** An index entry added, changed in place, moved (delete + put) or removed. */
        private void indexWrite(String index, Optional<DynamoDbKeys.IndexKey> old, Optional<DynamoDbKeys.IndexKey> now,
                                int units) {
            if (old.isPresent() && now.isPresent() && old.get().equals(now.get())) {
                count(index, now.get(), units);
                return;
            }
            old.ifPresent(key -> count(index, key, units));
            now.ifPresent(key -> count(index, key, units));
        }

        private void count(String index, DynamoDbKeys.IndexKey key, int units) {
            meters.get(index).add(key.partition(), units);
            if (index.equals("GSI4")) {
                sweepBuckets.computeIfAbsent(sweepBucket(key.partition()),
                        bucket -> new Meter(bucket, DYNAMODB_WCU_PER_PARTITION, "WCU/s")).add(key.partition(), units);
            }
        }

        /** {@code SWEEP#bucket[#NNN]} without its prefix and shard suffix (bucket names never end in digits). */
        private static String sweepBucket(String partition) {
            return partition.substring("SWEEP#".length()).replaceFirst("#\\d+$", "");
        }

        private static Map<String, DynamoDbKeys.IndexKey> byIndex(List<DynamoDbKeys.IndexKey> keys) {
            Map<String, DynamoDbKeys.IndexKey> map = new HashMap<>();
            keys.forEach(key -> map.put(key.index(), key));
            return map;
        }
    }

    /** One tenant's live tickets and attachments in flight. */
    static final class Tenant {
        final String name;
        final int requesters;
        final List<Ticket> live = new ArrayList<>();
        final List<List<Attachment>> stages = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int attachmentOps;

        Tenant(String name, int requesters) {
            this.name = name;
            this.requesters = requesters;
        }
    }

    private final Random random = new Random(17);
    private final List<Layout> layouts;

    PartitionSimulator(List<Layout> layouts) {
        this.layouts = layouts;
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long started = System.nanoTime();
        run("one tenant at 10,000 writes/s", 1, 10_000, 0, seconds);
        run("1,000 tenants at 100,000 writes/s in total (tenant sizes Zipf s=0.5)", 1_000, 100_000, 0.5, seconds);
        System.out.printf(Locale.ROOT, "simulated in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    static void run(String title, int tenantCount, int writesPerSecond, double zipf, int seconds) {
        List<Tenant> tenants = new ArrayList<>();
        double[] cumulative = new double[tenantCount];
        double sum = 0;
        for (int i = 0; i < tenantCount; i++) {
            tenants.add(new Tenant("tenant" + i, 5_000));
            sum += 1 / Math.pow(i + 1, zipf);
            cumulative[i] = sum;
        }
        List<String> sharded = new ArrayList<>();
        int big = 0;
        for (int i = 0; i < tenantCount; i++) {
            double rate = writesPerSecond / Math.pow(i + 1, zipf) / sum;
            if (rate >= BIG_TIER_WRITES_PER_SECOND) {
                sharded.add("tenant" + i + ":big");
                big++;
            } else if (rate >= SHARDED_TIER_WRITES_PER_SECOND) {
                sharded.add("tenant" + i + ":middle");
            }
        }
        ShardTiers tiers = ShardTiers.of(sharded);
        Layout before = new Layout(DynamoDbKeys.UNSHARDED, TableKeys.UNSHARDED);
        Layout after = new Layout(DynamoDbKeys.tiered(tiers), TableKeys.tiered(tiers));
        PartitionSimulator simulator = new PartitionSimulator(List.of(before, after));
        System.out.printf(Locale.ROOT, "%n%s: of %d tenants %d in the big tier (at least %d writes/s), %d in the middle"
                + " tier (at least %d)%n", title, tenantCount, big, BIG_TIER_WRITES_PER_SECOND, sharded.size() - big,
                SHARDED_TIER_WRITES_PER_SECOND);
        double[] rates = new double[tenantCount];
        for (int i = 0; i < tenantCount; i++) {
            rates[i] = writesPerSecond / Math.pow(i + 1, zipf) / sum;
        }
        simulator.seed(tenants, rates);
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        for (int second = 0; second < seconds; second++) {
            for (int op = 0; op < writesPerSecond; op++) {
                Instant now = start.plusMillis(second * 1000L + (long) op * 1000 / writesPerSecond);
                Tenant tenant = tenants.get(pick(cumulative, simulator.random.nextDouble() * sum));
                simulator.write(tenant, now);
            }
            simulator.layouts.forEach(Layout::endSecond);
        }
        print(title, writesPerSecond, seconds, before, after);
    }

    private static int pick(double[] cumulative, double target) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < target) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Tickets that exist before the run (not counted: the simulator measures the run's writes only). */
    /**
     * Each tenant's open tickets when the simulation starts: {@link #BACKLOG_SECONDS} of its creates (at least 200),
     * created at random over the hour before. An update picks a live ticket at random, so the backlog decides how
     * many updates touch tickets created during the simulated seconds (in the active time slot): with a backlog of
     * a fixed 200 tickets, a tenant writing 1,500 tickets a second had mostly seconds-old tickets to update.
     */
    private void seed(List<Tenant> tenants, double[] writesPerSecond) {
        Instant hourAgo = Instant.parse("2026-05-31T23:00:00Z");
        for (int t = 0; t < tenants.size(); t++) {
            Tenant tenant = tenants.get(t);
            long backlog = Math.max(200, Math.round(writesPerSecond[t] * CREATE_SHARE * BACKLOG_SECONDS));
            for (long i = 0; i < backlog; i++) {
                tenant.live.add(newTicket(tenant, hourAgo.plusMillis(random.nextInt(3_600_000))));
            }
        }
    }

    private void write(Tenant tenant, Instant now) {
        double kind = random.nextDouble();
        if (kind < 0.10 || tenant.live.isEmpty()) {
            Ticket ticket = newTicket(tenant, now);
            tenant.live.add(ticket);
            layouts.forEach(layout -> layout.ticketWrite(Optional.empty(), ticket));
        } else if (kind < 0.25) {
            int index = random.nextInt(tenant.live.size());
            Ticket current = tenant.live.get(index);
            List<TicketStatus> next = new ArrayList<>(current.status().next());
            Ticket changed = current.changed(next.get(random.nextInt(next.size())), current.priority(), "agent", now);
            replace(tenant, index, changed);
            layouts.forEach(layout -> layout.ticketWrite(Optional.of(current), changed));
        } else if (kind < 0.70) {
            int index = random.nextInt(tenant.live.size());
            Ticket current = tenant.live.get(index);
            Ticket touched = current.changed(current.status(), current.priority(), current.assignee(), now);
            replace(tenant, index, touched);
            layouts.forEach(layout -> {
                layout.responseWrite(current);
                layout.ticketWrite(Optional.of(current), touched);
            });
        } else {
            attachmentWrite(tenant, now);
        }
    }

    private void replace(Tenant tenant, int index, Ticket changed) {
        if (changed.status() == TicketStatus.CLOSED) {
            tenant.live.set(index, tenant.live.getLast());
            tenant.live.removeLast();
        } else {
            tenant.live.set(index, changed);
        }
    }

    /** Declare, upload, OCR claim, OCR result: each attachment goes through the four writes in turn. */
    private void attachmentWrite(Tenant tenant, Instant now) {
        int stage = tenant.attachmentOps++ % 4;
        if (stage == 0 || tenant.stages.get(stage - 1).isEmpty()) {
            Ticket ticket = tenant.live.get(random.nextInt(tenant.live.size()));
            Attachment declared = new Attachment(uuid(), tenant.name, ticket.id(), "scan.png",
                    "image/png", 200_000, "uploads/x", now, null, OcrStatus.NOT_STARTED, null, 1);
            tenant.stages.get(0).add(declared);
            layouts.forEach(layout -> layout.attachmentWrite(Optional.empty(), declared, 1));
            return;
        }
        Attachment current = tenant.stages.get(stage - 1).removeLast();
        Attachment next = switch (stage) {
            case 1 -> current.markUploaded(now);
            case 2 -> current.withOcr(OcrStatus.PROCESSING, null, OcrState.NONE);
            default -> current.withOcr(OcrStatus.DONE, "text", OcrState.NONE);
        };
        if (stage < 3) {
            tenant.stages.get(stage).add(next);
        }
        int kilobytes = stage == 3 ? 4 : 1;
        layouts.forEach(layout -> layout.attachmentWrite(Optional.of(current), next, kilobytes));
    }

    /** A random (version 4) UUID from the seeded generator, so every run replays the same workload. */
    private String uuid() {
        long most = random.nextLong() & ~0xF000L | 0x4000L;
        long least = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private Ticket newTicket(Tenant tenant, Instant at) {
        double p = random.nextDouble();
        Priority priority = p < 0.3 ? Priority.LOW : p < 0.8 ? Priority.NORMAL : p < 0.95 ? Priority.HIGH : Priority.URGENT;
        // requesters: one integration account files 5 % of a tenant's tickets, people the rest
        String requester = random.nextDouble() < 0.05 ? "integration-bot" : "user" + random.nextInt(tenant.requesters);
        return new Ticket(uuid(), tenant.name, requester, "subject", "description", priority,
                TicketStatus.OPEN, null, at, at, 1);
    }

    private static void print(String title, int writesPerSecond, int seconds, Layout before, Layout after) {
        System.out.printf(Locale.ROOT, "%n== %s: %d s simulated, peak second of each partition ==%n", title, seconds);
        System.out.printf(Locale.ROOT, "%-17s %-11s | %-34s %9s %6s | %-34s %9s %6s %9s%n", "store / index", "limit",
                "before: hottest partition", "peak", "limit%", "after: hottest partition", "peak", "limit%", "headroom");
        boolean ok = true;
        for (String part : before.meters.keySet()) {
            Meter b = before.meters.get(part);
            Meter a = after.meters.get(part);
            double bShare = 100 * b.peak / b.limit;
            double aShare = 100 * a.peak / a.limit;
            ok &= aShare <= 50;
            System.out.printf(Locale.ROOT, "%-17s %,6.0f %-4s | %-34s %,9.0f %5.0f%% | %-34s %,9.0f %5.1f%% %8.1fx%n",
                    b.name, b.limit, b.unit.startsWith("WCU") ? "WCU" : b.unit.startsWith("RU") ? "RU" : "ent",
                    abbreviate(b.hottest), b.peak, bShare, abbreviate(a.hottest), a.peak, aShare, a.limit / Math.max(a.peak, 1e-9));
        }
        System.out.printf(Locale.ROOT, "DynamoDB GSI4 per sweep bucket (after): bucket, its busiest second in WCU/s, "
                + "shards, hottest shard%n");
        after.sweepBuckets.forEach((bucket, meter) -> System.out.printf(Locale.ROOT, "  %-22s %,9.0f WCU/s %4d shards %5.1f%%%n",
                bucket, meter.peakTotal, after.dynamo.sweepShards(bucket), 100 * meter.peak / meter.limit));
        System.out.printf(Locale.ROOT, "Table Storage account: %,.0f transactions/s at peak (account target %,.0f/s)%n",
                after.peakTableStorageTransactions, TABLE_STORAGE_ACCOUNT_TRANSACTIONS);
        System.out.printf(Locale.ROOT, "after: %s%n", ok ? "every partition at or below 50 % of its limit"
                : "SOME PARTITION ABOVE 50 % OF ITS LIMIT");
    }

    private static String abbreviate(String partition) {
        return partition.length() <= 34 ? partition : partition.substring(0, 15) + "…" + partition.substring(partition.length() - 18);
    }
}
