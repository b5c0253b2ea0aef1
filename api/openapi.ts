// The OpenAPI 3 document, generated from the registry every route() call fills.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

export function newRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'token from POST /api/auth/login' });
  return registry;
}

export function openApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Zhengyun 政云 API',
      version: '0.1.0',
      description:
        'The municipal government cloud platform: service catalog, accounts, audit. Messages are zh-CN by default; send `Accept-Language: en` for English.',
    },
    servers: [{ url: '/' }],
  });
}
