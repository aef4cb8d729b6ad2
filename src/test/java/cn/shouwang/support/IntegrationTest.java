package cn.shouwang.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * A test against the whole application on a real embedded PostgreSQL, loaded with the "test"
 * demo tree: district 门头沟区 with two streets; the demo users sit in the first street, so the
 * second street is a foreign jurisdiction for everyone but the district admin. Every integration
 * test uses exactly this annotation so that one application context serves them all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "shouwang.data-dir=target/test-data/${random.uuid}", "shouwang.embedded.clean=true",
				"shouwang.demo.mode=always", "shouwang.demo.scale=test", "shouwang.security.ip-max-failures=1000",
				"logging.level.io.zonky=WARN" })
@AutoConfigureMockMvc
@Import(TestSupport.class)
public @interface IntegrationTest {

}
