package cn.shouwang.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On start: loads the demo when the tree is empty and demo mode allows it (auto: only on the
 * embedded database; always; never), then, once ready, prints the address and the demo logins.
 */
@Component
class DemoStartup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

	private final DemoDataLoader loader;

	private final ObjectProvider<EmbeddedPostgres> embedded;

	private final Environment env;

	private final String mode;

	private final String scale;

	private boolean demoActive;

	DemoStartup(DemoDataLoader loader, ObjectProvider<EmbeddedPostgres> embedded, Environment env,
			@Value("${shouwang.demo.mode:auto}") String mode, @Value("${shouwang.demo.scale:street}") String scale) {
		this.loader = loader;
		this.embedded = embedded;
		this.env = env;
		this.mode = mode;
		this.scale = scale;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean allowed = switch (this.mode) {
			case "always" -> true;
			case "never" -> false;
			default -> this.embedded.getIfAvailable() != null;
		};
		if (!allowed) {
			return;
		}
		this.demoActive = true;
		if (this.loader.needed()) {
			log.info("Loading demo data, scale {} ...", this.scale);
			this.loader.load(DemoScale.of(this.scale));
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void printWelcome() {
		String port = this.env.getProperty("local.server.port", this.env.getProperty("server.port", "8080"));
		StringBuilder sb = new StringBuilder();
		sb.append("\n\n  守望 Shouwang is ready:  http://localhost:").append(port).append("/\n");
		if (this.demoActive) {
			sb.append("  Demo logins (password ").append(DemoDataLoader.DEMO_PASSWORD).append(" for all, demo mode only):\n");
			for (String[] u : DemoDataLoader.DEMO_USERS) {
				sb.append(String.format("    %-10s %-20s %s%n", u[0], u[1], u[2]));
			}
		}
		System.out.println(sb);
	}

}
