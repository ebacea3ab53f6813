package io.loyaltybatch.worker.points;

import io.loyaltybatch.model.ItemRef;
import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.support.program.Programs;
import io.loyaltybatch.worker.customer.CustomerKey;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/** Opens the {@link AccountBook} of a segment of items, and knows each tenant's program. */
@Component
public class AccountBooks {

    private final PointsLedger ledger;
    private final Programs programs;
    private final Clock clock;

    AccountBooks(PointsLedger ledger, Programs programs, Clock clock) {
        this.ledger = ledger;
        this.programs = programs;
        this.clock = clock;
    }

    /** Locks ({@code FOR UPDATE}) and loads the accounts of the items' customers, with room for one movement per item. */
    public AccountBook lock(List<? extends ItemRef> items) {
        return AccountBook.open(ledger, items.stream().map(CustomerKey::of).toList(), items.size(), clock.instant());
    }

    /**
     * Locks ({@code FOR UPDATE}) and loads the accounts of the items' customers, for items that move no points: the
     * lock orders them after every earlier item of the same customers.
     */
    public AccountBook lockWithoutMovements(List<? extends ItemRef> items) {
        return AccountBook.open(ledger, items.stream().map(CustomerKey::of).toList(), 0, clock.instant());
    }

    /** The program the item is applied under: the version its job was accepted with. */
    public ProgramSettings program(ItemRef item) {
        return programs.settings(item.tenantId(), item.program());
    }
}
