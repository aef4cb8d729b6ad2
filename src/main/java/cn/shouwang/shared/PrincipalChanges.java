package cn.shouwang.shared;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A counter that moves whenever who a signed-in caller is may have changed: a token revoked, a
 * user disabled, demoted, moved or given a new password, a jurisdiction node renamed or moved. A
 * remembered principal is good only while the counter stands where it stood before the principal
 * was read from the database.
 * <p>
 * The code that makes such a change calls {@link #changed()}, so this instance forgets at once;
 * other instances (and changes made by hand in SQL) are told through the database's
 * notifications.
 */
@Component
public class PrincipalChanges {

	private final AtomicLong generation = new AtomicLong();

	public long generation() {
		return this.generation.get();
	}

	/**
	 * A change is being made. Inside a transaction the counter moves now and again once the
	 * transaction has ended: a principal read while the change was not yet committed was read
	 * with the first value, and is forgotten by the second.
	 */
	public void changed() {
		this.generation.incrementAndGet();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					PrincipalChanges.this.generation.incrementAndGet();
				}
			});
		}
	}

}
