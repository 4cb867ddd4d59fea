package app.wasla.api;

import app.wasla.conversation.media.MediaProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The filters in front of /api (and the body limit everywhere), the scope check after routing, and
 * the OpenAPI document's header.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

  private final ObjectMapper json;

  ApiConfiguration(ObjectMapper json) {
    this.json = json;
  }

  /** On every path: the interceptor itself tells /api handlers apart by the handler matched. */
  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new ApiScopeInterceptor(json));
  }

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(
      ApiProperties props, ObjectMapper json, MediaProperties media) {
    // a file path takes the largest file Wasla keeps or sends (16 MB by default)
    long maxFile = Math.max(media.maxSize().toBytes(), media.sendMaxSize().toBytes());
    FilterRegistrationBean<BodySizeLimitFilter> registration =
        new FilterRegistrationBean<>(new BodySizeLimitFilter(props, json, maxFile));
    registration.setName("body-size-limit");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiAccessFilter> apiAccess(
      ApiKeys keys, CamundaAdmins admins, ObjectMapper json, ApiProperties props) {
    FilterRegistrationBean<ApiAccessFilter> registration =
        new FilterRegistrationBean<>(new ApiAccessFilter(keys, admins, json, props));
    registration.setName("api-access");
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  OpenAPI waslaOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Wasla API")
                .version("1")
                .description(
                    "REST for external systems: events into conversations, conversation state, "
                        + "outbound messages, webhook subscriptions and API keys. Authenticate with "
                        + "`Authorization: Bearer <api key>`; each operation needs a scope (see README)."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }
}
