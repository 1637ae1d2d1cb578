/** The floor of tools/bench/coldstart.sh: a JVM that starts on the CLI's classpath and does nothing. */
public final class Noop {
    public static void main(String[] args) {
    }
}
