package io.holdfast.relay.cli;

import io.holdfast.relay.events.IncidentReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code holdfast report FILE}: the post-incident summary of a route-change event log. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Summarises a route-change event log (events.jsonl) for a post-incident review: calls and route changes",
            "by category and cause, per region, detection / prompt-start / re-anchor / caller-heard-gap percentiles,",
            "and escalations with their reasons. Lines that are not events are counted and listed, not fatal."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the report was printed (malformed lines included)",
            "2:usage error, or the file cannot be read"})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the events file, for example events.jsonl")
    private Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            out.print(IncidentReport.read(file).render());
            return CommandLine.ExitCode.OK;
        } catch (IOException e) {
            err.println("holdfast report: cannot read " + file + ": " + UnreadableFile.reason(e));
            return CommandLine.ExitCode.USAGE;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
