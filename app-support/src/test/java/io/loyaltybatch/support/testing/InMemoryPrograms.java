package io.loyaltybatch.support.testing;

import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.support.program.Program;
import io.loyaltybatch.support.program.Programs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Programs in memory: each {@link #write} adds the tenant's next version. */
public class InMemoryPrograms implements Programs {

    private final Map<String, List<ProgramSettings>> versions = new ConcurrentHashMap<>();

    /** Writes the tenant's next version and answers its number. */
    public synchronized int write(String tenantId, ProgramSettings settings) {
        List<ProgramSettings> written = versions.computeIfAbsent(tenantId, t -> new ArrayList<>());
        written.add(settings);
        return written.size();
    }

    @Override
    public synchronized Program current(String tenantId) {
        List<ProgramSettings> written = versions.getOrDefault(tenantId, List.of());
        return written.isEmpty() ? Program.DEFAULTS : new Program(written.size(), written.get(written.size() - 1));
    }

    @Override
    public synchronized ProgramSettings settings(String tenantId, int version) {
        return version == 0
                ? current(tenantId).settings()
                : versions.get(tenantId).get(version - 1);
    }
}
