package cn.shouwang.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The test helpers every integration test may autowire: real logins and the test tree. */
@TestConfiguration(proxyBeanMethods = false)
public class TestSupport {

	@Bean
	Logins logins(MockMvc mvc) {
		return new Logins(mvc);
	}

	@Bean
	TestTree testTree(JdbcClient jdbc) {
		return new TestTree(jdbc);
	}

}
