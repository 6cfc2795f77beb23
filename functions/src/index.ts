// The Cloud Functions entry point. `api` serves the add-on. Its dependencies are built on the
// first request rather than at import, so a configuration mistake answers 500 with a logged
// reason instead of a crash loop at every start.
import { http, type Request, type Response } from '@google-cloud/functions-framework';
import { jsonLogger } from './adapters/system/json-logger';
import { composeApi } from './compose';
import { readConfig } from './config';
import { createApi } from './http/api';

let api: ((req: Request, res: Response) => Promise<void>) | undefined;

http('api', async (req, res) => {
  if (api === undefined) {
    try {
      api = createApi(composeApi(readConfig(process.env)));
    } catch (error) {
      jsonLogger().error('config.invalid', { message: error instanceof Error ? error.message : 'unknown' });
      res.status(500).json({
        error: {
          code: 'CONFIG.INVALID',
          message: 'Conference Desk is not configured; tell IT',
          fields: [],
        },
      });
      return;
    }
  }
  await api(req, res);
});
