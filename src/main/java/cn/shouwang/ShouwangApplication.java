package cn.shouwang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@Modulithic(systemName = "Shouwang", sharedModules = "shared")
@EnableScheduling
public class ShouwangApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShouwangApplication.class, args);
	}

}
