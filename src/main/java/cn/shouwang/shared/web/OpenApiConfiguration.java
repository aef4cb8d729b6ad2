package cn.shouwang.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description: bearer tokens from POST /api/v1/auth/token, scoped to the caller's jurisdiction. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI shouwangOpenApi() {
		return new OpenAPI()
			.info(new Info().title("守望 Shouwang API")
				.version("v1")
				.description("""
						Community epidemic prevention and control. Every call acts inside the caller's jurisdiction:
						a record outside it answers 404, as if it did not exist. Get a token with
						POST /api/v1/auth/token {"username", "password"} and send it as `Authorization: Bearer <token>`.
						Errors are RFC 9457 problem details, in Chinese unless `Accept-Language: en` is sent."""))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("sw_… token")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
