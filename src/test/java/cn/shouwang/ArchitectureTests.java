package cn.shouwang;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The conventions of docs/adr/0001, checked by the build instead of by review. */
class ArchitectureTests {

	private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("cn.shouwang");

	private static final JavaClasses TESTS = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
		.importPackages("cn.shouwang");

	@Test
	void dependenciesAreInjectedThroughConstructorsNotFields() {
		fields().should().notBeAnnotatedWith(Autowired.class).check(MAIN);
	}

	@Test
	void repositoriesStayInsideTheirModule() {
		classes().that().areAnnotatedWith(Repository.class).should().notBePublic().check(MAIN);
	}

	@Test
	void webControllersNeverRunSqlThemselves() {
		noClasses().that()
			.areAnnotatedWith(Controller.class)
			.or()
			.areAnnotatedWith(RestController.class)
			.should()
			.dependOnClassesThat()
			.areAssignableTo(JdbcClient.class)
			.orShould()
			.dependOnClassesThat()
			.areAssignableTo(JdbcTemplate.class)
			.check(MAIN);
	}

	@Test
	void onlyTheWebLayerDependsOnAModulesWebPackage() {
		noClasses().that()
			.resideOutsideOfPackages("..web..")
			.should()
			.dependOnClassesThat(JavaClass.Predicates.resideInAPackage("cn.shouwang.(*).web..")
				.and(JavaClass.Predicates.resideOutsideOfPackage("cn.shouwang.shared..")))
			.because("rules live in services that the page and API controllers share")
			.check(MAIN);
	}

	@Test
	void controllersAreNamedAsSuch() {
		classes().that()
			.areAnnotatedWith(Controller.class)
			.or()
			.areAnnotatedWith(RestController.class)
			.should()
			.haveSimpleNameEndingWith("Controller")
			.check(MAIN);
	}

	@Test
	void integrationTestsUseTheProjectAnnotation() {
		noClasses().that()
			.doNotHaveSimpleName("IntegrationTest")
			.should()
			.beAnnotatedWith(SpringBootTest.class)
			.because("one @IntegrationTest configuration means one cached context and one embedded database")
			.check(TESTS);
	}

}
