package cn.shouwang.monitoring;

import cn.shouwang.shared.crypto.Masking;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where messages go when no gateway is configured: the log, with the number masked (PIPL). */
@Configuration(proxyBeanMethods = false)
class LoggingMessageSender {

	private static final Logger log = LoggerFactory.getLogger(LoggingMessageSender.class);

	@Bean
	@ConditionalOnMissingBean(MessageSender.class)
	MessageSender logOnlyMessageSender() {
		return (channel, recipient, body) -> log.info("{} to {}: {}", channel, Masking.phone(recipient), body);
	}

}
