package cn.shouwang;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries hold: no cycles, no access to another module's internals. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(ShouwangApplication.class);

	@Test
	void moduleBoundariesAreRespected() {
		this.modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(this.modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
	}

}
