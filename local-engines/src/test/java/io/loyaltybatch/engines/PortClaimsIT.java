package io.loyaltybatch.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** JVMs running at once (Maven builds modules side by side) never hand out the same free port. */
class PortClaimsIT {

    /** Run in a second JVM: claims the port given and prints whether it got it. */
    public static final class Claimer {
        public static void main(String[] args) {
            System.out.print(Processes.claim(Integer.parseInt(args[0])));
        }
    }

    @Test
    void aPortHandedOutHereIsRefusedToAnotherJvmUntilThisOneEnds() throws Exception {
        int mine = Processes.freePort();
        assertThat(claimInAnotherJvm(mine)).as("claimed by this running JVM").isEqualTo("false");

        int theirs = Processes.freePort() + 1;
        while (!claimInAnotherJvm(theirs).equals("true")) {
            theirs++;
        }
        assertThat(Processes.claim(theirs))
                .as("claimed by a JVM that has ended")
                .isTrue();
    }

    @Test
    void aPortHandedOutLiesBelowTheRangeTheSystemPicksOutgoingPortsFrom() throws Exception {
        // a port in that range can be taken by any process's outgoing connection between the moment it is handed out
        // and the moment its server binds it (a broker then fails with "Address already in use")
        int lowestEphemeral = lowestOutgoingPort();
        for (int i = 0; i < 50; i++) {
            assertThat(Processes.freePort()).isLessThan(lowestEphemeral).isGreaterThanOrEqualTo(1024);
        }
        assertThat(LocalEngines.freePortPair()).isLessThan(lowestEphemeral - 1);
    }

    @Test
    void aRedisClusterNodesBusPortIsClaimedWithItAndBelowThatRangeToo() throws Exception {
        // Redis (before 7) listens for its cluster bus on its port + 10000, a port nobody handed out
        int lowestEphemeral = lowestOutgoingPort();
        for (int i = 0; i < 20; i++) {
            try (RedisServer node = RedisServer.clusterNode()) {
                int bus = node.port() + 10_000;
                assertThat(bus).isLessThan(lowestEphemeral);
                assertThat(claimInAnotherJvm(bus))
                        .as("bus port %d claimed by this JVM", bus)
                        .isEqualTo("false");
            }
        }
    }

    /** The first port of the range the kernel picks outgoing connections' local ports from. */
    private static int lowestOutgoingPort() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        assumeTrue(Files.isReadable(range), "a Linux kernel's port range");
        return Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
    }

    private static String claimInAnotherJvm(int port) throws IOException, InterruptedException {
        Process other = new ProcessBuilder(List.of(
                        Processes.javaBinary(), "-cp", ChildClasspath.current(), Claimer.class.getName(), "" + port))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String printed = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return printed.strip();
    }
}
