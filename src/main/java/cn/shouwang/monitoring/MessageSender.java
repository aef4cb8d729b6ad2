package cn.shouwang.monitoring;

/**
 * Delivers one outbox message (an SMS gateway, a WeChat template message). A deployment provides
 * its own bean; without one, {@link LoggingMessageSender} writes to the log. Throwing means "not
 * delivered, try again later": the dispatcher retries with backoff.
 */
public interface MessageSender {

	void send(Notifications.Channel channel, String recipient, String body) throws Exception;

}
