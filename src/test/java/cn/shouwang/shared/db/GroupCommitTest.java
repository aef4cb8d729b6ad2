package cn.shouwang.shared.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

	/** The callers, each on its own thread (the common pool has one thread on two cores). */
	private final ExecutorService callers = Executors.newCachedThreadPool();

	@AfterEach
	void stopCallers() {
		this.callers.shutdownNow();
	}

	@Test
	void requestsQueuedWhileABatchRunsGoTogetherInTheNextAndEachGetsItsOwnAnswer() throws Exception {
		try (Held held = new Held()) {
			List<CompletableFuture<String>> others = new ArrayList<>();
			for (int i = 1; i <= 5; i++) {
				others.add(held.submit(i));
			}
			held.releaseWhenQueued(5);

			assertThat(held.first.get(10, TimeUnit.SECONDS)).isEqualTo("answer 0");
			for (int i = 1; i <= 5; i++) {
				assertThat(others.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("answer " + i);
			}
			assertThat(held.batches).hasSize(2);
			assertThat(held.batches.get(0)).containsExactly(0);
			assertThat(held.batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
		}
	}

	@Test
	void aBatchThatFailsAsAWholeRunsEachRequestAloneSoOnlyTheFaultyOneFails() throws Exception {
		try (Held held = new Held()) {
			CompletableFuture<String> good = held.submit(12);
			CompletableFuture<String> bad = held.submit(13);
			CompletableFuture<String> alsoGood = held.submit(14);
			held.releaseWhenQueued(3);

			assertThat(held.first.get(10, TimeUnit.SECONDS)).isEqualTo("answer 0");
			assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo("answer 12");
			assertThat(alsoGood.get(10, TimeUnit.SECONDS)).isEqualTo("answer 14");
			assertThatThrownBy(() -> bad.join()).hasRootCauseInstanceOf(IllegalArgumentException.class)
				.hasRootCauseMessage("13 is broken");
			// the batch of three, then each of them alone
			assertThat(held.batches).hasSize(5);
			assertThat(held.batches.get(1)).containsExactlyInAnyOrder(12, 13, 14);
		}
	}

	/**
	 * A group of one worker whose first batch (request 0) is held until the test lets it go, so
	 * the requests submitted meanwhile queue behind it; request 13 breaks any batch it is in.
	 */
	private final class Held implements AutoCloseable {

		final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

		private final CountDownLatch firstRunning = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private final GroupCommit<Integer, String> group = new GroupCommit<>("test", 1, 10,
				TransactionOperations.withoutTransaction(), requests -> {
					this.batches.add(requests);
					if (this.batches.size() == 1) {
						this.firstRunning.countDown();
						await(this.release);
					}
					if (requests.contains(13)) {
						throw new IllegalArgumentException("13 is broken");
					}
					return requests.stream().map(r -> "answer " + r).toList();
				});

		final CompletableFuture<String> first;

		Held() throws InterruptedException {
			this.first = submit(0);
			assertThat(this.firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
		}

		CompletableFuture<String> submit(int request) {
			return CompletableFuture.supplyAsync(() -> this.group.submit(request), GroupCommitTest.this.callers);
		}

		void releaseWhenQueued(int queued) throws InterruptedException {
			waitUntilWaiting(this.group, queued);
			this.release.countDown();
		}

		@Override
		public void close() {
			this.release.countDown();
			this.group.close();
		}

	}

	@Test
	void aRequestsOwnFailureReachesItsCallerUnwrapped() {
		try (GroupCommit<Integer, String> group = new GroupCommit<>("test", 2, 10, TransactionOperations.withoutTransaction(),
				requests -> {
					throw new IllegalStateException("no such checkpoint");
				})) {
			assertThatThrownBy(() -> group.submit(1)).isInstanceOf(IllegalStateException.class)
				.hasMessage("no such checkpoint");
		}
	}

	@Test
	void aClosedGroupRefusesNewRequests() {
		GroupCommit<Integer, String> group = new GroupCommit<>("test", 1, 10, TransactionOperations.withoutTransaction(),
				requests -> requests.stream().map(String::valueOf).toList());
		assertThat(group.submit(7)).isEqualTo("7");
		group.close();
		assertThatThrownBy(() -> group.submit(8)).isInstanceOf(IllegalStateException.class).hasMessageContaining("shutting down");
	}

	@Test
	void aBatchMustAnswerEveryRequest() {
		try (GroupCommit<Integer, String> group = new GroupCommit<>("test", 1, 10, TransactionOperations.withoutTransaction(),
				requests -> List.of())) {
			assertThatThrownBy(() -> group.submit(1)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("each of its requests");
		}
	}

	private static void waitUntilWaiting(GroupCommit<?, ?> group, int n) throws InterruptedException {
		for (int i = 0; i < 1000 && group.waiting() < n; i++) {
			Thread.sleep(10);
		}
		assertThat(group.waiting()).isEqualTo(n);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
