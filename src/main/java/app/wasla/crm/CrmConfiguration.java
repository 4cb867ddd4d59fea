package app.wasla.crm;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CRM's rules: tag DMN and consent keywords, from {@code wasla.crm.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CrmProperties.class)
class CrmConfiguration {

  @Bean
  TagRules customerTagRules(CrmProperties properties) {
    return TagRules.load(properties.tagRulesPath());
  }

  @Bean
  ConsentKeywords consentKeywords(CrmProperties properties) {
    return properties.consentKeywords();
  }
}
