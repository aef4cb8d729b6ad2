package cn.shouwang.identity;

import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** What every identity test uses: MockMvc, the database, real logins, the test tree and throw-away users. */
abstract class IdentityTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	IdentityFixtures fixtures;

	@BeforeEach
	void createFixtures() {
		this.fixtures = new IdentityFixtures(this.mvc, this.logins, this.jdbc);
	}

}
