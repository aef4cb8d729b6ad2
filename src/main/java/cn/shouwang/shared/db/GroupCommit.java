package cn.shouwang.shared.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Runs requests that arrive at the same time together, in one transaction each batch ("group
 * commit"). A request waits until its batch has committed and gets its own answer, exactly as if
 * it had run alone; nothing is acknowledged before it is stored.
 * <p>
 * Why: a small write that runs alone pays a transaction and several round trips to the database
 * for one row, and on a busy district most of the database's time went to that overhead. A few
 * worker threads each take whatever has queued while they were busy: under light load a batch
 * is one request and nothing waits for company; under heavy load batches grow by themselves.
 * <p>
 * If a batch fails as a whole (a broken row, a deadlock), each of its requests runs again alone
 * in its own transaction, so one request's failure is its own and never another's.
 *
 * @param <I> a request
 * @param <O> its answer
 */
public final class GroupCommit<I, O> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	/** How long a request waits for its batch before it gives up (the database is stuck). */
	private static final long WAIT_SECONDS = 60;

	private record Pending<I, O>(I request, CompletableFuture<O> answer) {
	}

	private final LinkedBlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();

	private final TransactionOperations transactions;

	private final Function<List<I>, List<O>> batch;

	private final int maxBatch;

	private final List<Thread> workers = new ArrayList<>();

	private volatile boolean closed;

	private final java.util.concurrent.atomic.LongAdder batches = new java.util.concurrent.atomic.LongAdder();

	private final java.util.concurrent.atomic.LongAdder answered = new java.util.concurrent.atomic.LongAdder();

	/**
	 * @param name the worker threads' name prefix
	 * @param workers how many batches may run at once
	 * @param maxBatch the most requests one transaction takes
	 * @param transactions runs each batch in a new transaction
	 * @param batch answers the requests of one batch, one answer per request in their order,
	 * inside the transaction
	 */
	public GroupCommit(String name, int workers, int maxBatch, TransactionOperations transactions,
			Function<List<I>, List<O>> batch) {
		if (workers < 1 || maxBatch < 1) {
			throw new IllegalArgumentException("workers and maxBatch must be positive");
		}
		this.transactions = transactions;
		this.batch = batch;
		this.maxBatch = maxBatch;
		for (int i = 0; i < workers; i++) {
			Thread worker = new Thread(this::work, name + "-" + (i + 1));
			worker.setDaemon(true);
			this.workers.add(worker);
			worker.start();
		}
	}

	/** Runs the request in the next batch and returns its answer, or throws its own failure. */
	public O submit(I request) {
		if (this.closed) {
			throw new IllegalStateException("shutting down");
		}
		Pending<I, O> pending = new Pending<>(request, new CompletableFuture<>());
		this.queue.add(pending);
		try {
			return pending.answer().get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("no answer from the database in " + WAIT_SECONDS + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the database", ex);
		}
	}

	/** How many requests wait for a worker (none are waiting under light load). */
	public int waiting() {
		return this.queue.size();
	}

	/** How many transactions have run so far (a failed batch's reruns each count). */
	public long batches() {
		return this.batches.sum();
	}

	/** How many requests those transactions have answered; over {@link #batches} the mean batch size. */
	public long answered() {
		return this.answered.sum();
	}

	private void work() {
		List<Pending<I, O>> taken = new ArrayList<>(this.maxBatch);
		while (!this.closed) {
			try {
				taken.add(this.queue.take());
			}
			catch (InterruptedException ex) {
				break;
			}
			this.queue.drainTo(taken, this.maxBatch - 1);
			run(taken);
			taken.clear();
		}
		for (Pending<I, O> left = this.queue.poll(); left != null; left = this.queue.poll()) {
			left.answer().completeExceptionally(new IllegalStateException("shutting down"));
		}
	}

	private void run(List<Pending<I, O>> taken) {
		List<I> requests = taken.stream().map(Pending::request).toList();
		List<O> answers;
		this.batches.increment();
		try {
			answers = this.transactions.execute(status -> this.batch.apply(requests));
		}
		catch (RuntimeException | Error ex) {
			if (taken.size() == 1) {
				taken.get(0).answer().completeExceptionally(ex);
				return;
			}
			log.debug("A batch of {} failed as a whole; each runs alone", taken.size(), ex);
			taken.forEach(p -> run(List.of(p)));
			return;
		}
		if (answers == null || answers.size() != taken.size()) {
			IllegalStateException wrong = new IllegalStateException("a batch must answer each of its requests");
			taken.forEach(p -> p.answer().completeExceptionally(wrong));
			return;
		}
		for (int i = 0; i < taken.size(); i++) {
			taken.get(i).answer().complete(answers.get(i));
		}
		this.answered.add(taken.size());
	}

	/** Stops the workers; requests still queued are refused. */
	@Override
	public void close() {
		this.closed = true;
		this.workers.forEach(Thread::interrupt);
		for (Pending<I, O> left = this.queue.poll(); left != null; left = this.queue.poll()) {
			left.answer().completeExceptionally(new IllegalStateException("shutting down"));
		}
	}

}
