import java.util.ArrayList;
import java.util.List;

/** A small multithreaded JVM workload for the jvm-workers sample: 4 threads allocating and touching arrays. */
public class Workers {
    public static void main(String[] args) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        long[] sums = new long[4];
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().name("worker-" + t).start(() -> {
                for (int round = 0; round < 20; round++) {
                    byte[] block = new byte[256 * 1024];
                    for (int i = 0; i < block.length; i += 4096) block[i] = (byte) i;
                    sums[id] += block[round * 4096 % block.length];
                }
            }));
        }
        for (Thread t : threads) t.join();
        System.out.println("sum " + (sums[0] + sums[1] + sums[2] + sums[3]));
    }
}
