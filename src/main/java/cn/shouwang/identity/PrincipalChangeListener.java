package cn.shouwang.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import cn.shouwang.shared.PrincipalChanges;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens for V34's {@code shouwang_principals} notifications (a token, user or node changed by
 * another instance, or by hand) and moves {@link PrincipalChanges}. While it is not listening
 * (starting, or its connection lost) no principal may be remembered: {@link #listening()} is false
 * and every request is looked up in the database, as before there was a cache.
 */
@Component
class PrincipalChangeListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PrincipalChangeListener.class);

	static final String CHANNEL = "shouwang_principals";

	private final DataSource dataSource;

	private final PrincipalChanges changes;

	private volatile boolean listening;

	private volatile boolean running;

	private volatile Thread thread;

	PrincipalChangeListener(DataSource dataSource, PrincipalChanges changes) {
		this.dataSource = dataSource;
		this.changes = changes;
	}

	/** True while every change is sure to be heard. */
	boolean listening() {
		return this.listening;
	}

	@Override
	public void start() {
		this.running = true;
		Thread listener = new Thread(this::listen, "principal-changes");
		listener.setDaemon(true);
		this.thread = listener;
		listener.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.listening = false;
		Thread listener = this.thread;
		if (listener != null) {
			listener.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement s = connection.createStatement()) {
					s.execute("listen " + CHANNEL);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				// whatever changed while nobody listened is forgotten before anything is remembered
				this.changes.changed();
				this.listening = true;
				while (this.running) {
					PGNotification[] heard = pg.getNotifications(10_000);
					if (heard != null && heard.length > 0) {
						this.changes.changed();
					}
					if (Thread.interrupted()) {
						break;
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					log.warn("Not listening for principal changes ({}); every request is looked up until it listens again",
							ex.getMessage());
				}
			}
			finally {
				this.listening = false;
				this.changes.changed();
			}
			if (this.running) {
				try {
					Thread.sleep(1_000);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

}
