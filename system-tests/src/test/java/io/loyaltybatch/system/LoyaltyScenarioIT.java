package io.loyaltybatch.system;

import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.LocalEngines;

/** The loyalty scenarios on the shared engines: one Kafka broker, one Redis server, one PostgreSQL server. */
class LoyaltyScenarioIT extends LoyaltyScenarios {

    @Override
    AppProcesses system() {
        return AppProcesses.forTests(LocalEngines.shared());
    }
}
